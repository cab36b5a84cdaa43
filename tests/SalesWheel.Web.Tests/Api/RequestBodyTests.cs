using Microsoft.AspNetCore.Http;
using SalesWheel.Web.Features.Api;

namespace SalesWheel.Web.Tests.Api;

/// <summary>The one reader of the API's file bodies (answers, people, team metrics): whole up to the limit, refused above it.</summary>
public sealed class RequestBodyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(200_000)]
    [InlineData(200_001)]
    public async Task ABodyIsReadWholeUpToTheLimitAndRefusedAboveIt(int length)
    {
        var sent = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(sent);

        var read = await RequestBody.ReadAsync(http.Request, maximumBytes: 200_000, CancellationToken.None);

        if (length > 200_000)
        {
            Assert.Null(read);
        }
        else
        {
            Assert.Equal(sent, read);
        }
    }
}
