namespace SalesWheel.Web.Features.Api;

/// <summary>A request body sent as the file itself (the API's file uploads), read with a limit on its size.</summary>
public static class RequestBody
{
    /// <summary>The whole body, or null as soon as it is larger than <paramref name="maximumBytes"/> (nothing more is read).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest http, long maximumBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maximumBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
