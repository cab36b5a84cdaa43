namespace SalesWheel.Web.Tests.ScaleOut;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SharedOutboxTests
{
    [Fact]
    public async Task WithoutSmtpTwoNodesGivenOneOutboxFolderWriteEveryMessageThereOwnerOnly()
    {
        var shared = Path.Combine(Path.GetTempPath(), "saleswheel-shared-outbox-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var nodes = new TwoNodes(node => node.Settings["SalesWheel:OutboxFolder"] = shared);
            var (onA, _) = nodes.OneBrowser();
            var (_, onB) = nodes.OneBrowser();

            await onA.SignUp($"first-{Guid.NewGuid():N}@example.com", "Outbox A Co");
            await onB.SignUp($"second-{Guid.NewGuid():N}@example.com", "Outbox B Co");

            var messages = Directory.GetFiles(shared, "*.eml").Select(Path.GetFileName).ToList();
            Assert.Contains(messages, name => name!.Contains("first-", StringComparison.Ordinal));
            Assert.Contains(messages, name => name!.Contains("second-", StringComparison.Ordinal));
            Assert.False(Directory.Exists(Path.Combine(nodes.A.DataFolder, "outbox")));
            Assert.False(Directory.Exists(Path.Combine(nodes.B.DataFolder, "outbox")));
            Assert.Equal(SalesWheel.Data.DataFolder.OwnerOnly, File.GetUnixFileMode(shared));
        }
        finally
        {
            if (Directory.Exists(shared))
            {
                Directory.Delete(shared, recursive: true);
            }
        }
    }
}
