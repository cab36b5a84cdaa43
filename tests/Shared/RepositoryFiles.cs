namespace SalesWheel.Tests.Shared;

/// <summary>Where the repository and the shared folder beside it are, seen from a test's output folder.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root (the folder with SalesWheel.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared data folder laid beside the repository (../shared/data).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SalesWheel.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (SalesWheel.slnx) above " + AppContext.BaseDirectory);
    }
}
