namespace SalesWheel.Data;

/// <summary>
/// The data folder (SQLite file, outbox with links, keys) is readable by the app's own user only: on Unix it is created
/// 0700, and an existing folder open to others is narrowed to 0700 at start-up (with a warning saying so). A folder
/// that cannot be narrowed (owned by someone else) stops the start with a clear error rather than run open to all.
/// </summary>
public static class DataFolder
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates or narrows the folder; returns what was done when an existing folder had to be narrowed, else null.</summary>
    public static string? Secure(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            // Windows folders inherit the ACL of their parent (the user's profile, or a service account's folder).
            Directory.CreateDirectory(full);
            return null;
        }

        if (!Directory.Exists(full))
        {
            Directory.CreateDirectory(full, OwnerOnly);
            return null;
        }

        var mode = File.GetUnixFileMode(full);
        if ((mode & ~OwnerOnly) == 0)
        {
            return null;
        }

        try
        {
            File.SetUnixFileMode(full, OwnerOnly);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidOperationException(
                $"The data folder {full} is open to other users (mode {Octal(mode)}) and could not be narrowed to 0700: {e.Message} "
                + "Run SalesWheel as the folder's owner, or run chmod 700 on it.", e);
        }

        return $"The data folder {full} was open to other users (mode {Octal(mode)}); it is now 0700 (owner only).";
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
