using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MHA.Dashboard.Apis;

/// <summary>Reads a request body up to a limit: null when it is larger (the caller answers 413), never a partial body.</summary>
internal static class RequestBody
{
    public static async Task<byte[]?> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit) return null;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    public static IResult TooLarge(long limit) =>
        Results.Problem($"The body is larger than {limit} bytes; split it into smaller files.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
