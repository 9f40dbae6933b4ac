using System.Globalization;
using System.Text.RegularExpressions;
using MHA.Dashboard.Authorization;
using MHA.Grains.Audit;
using MHA.Grains.Batch;
using MHA.Grains.Lake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MHA.Dashboard.Apis;

/// <summary>
/// Batch-file uploads into the landing zone, for an Ingestor identity that cannot write the storage directly:
/// <c>PUT /api/landing/ehr/{date}/{fileName}</c> (a daily EHR extract) and <c>PUT /api/landing/metadata/departments</c>
/// (department metadata, a configuration change). The landing-zone watcher and the daily batch pick them up as if
/// Data Factory had copied them (docs/batch.md).
/// </summary>
public static partial class LandingApi
{
    public static IEndpointRouteBuilder MapLandingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/landing").WithTags("Ingest").RequireAuthorization(BoardPolicies.IngestEvents).DisableAntiforgery();
        api.MapPut("/ehr/{date}/{fileName}", PutExtractAsync);
        api.MapPut("/metadata/departments", PutDepartmentMetadataAsync);
        return app;
    }

    private static async Task<IResult> PutExtractAsync(string date, string fileName, HttpContext context, LakeWriter lake, AccessAudit audit, IOptions<IngestOptions> options)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return Results.Problem($"'{date}' is not a date (YYYY-MM-DD).", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!SafeFileName().IsMatch(fileName))
        {
            return Results.Problem("A file name is 1–128 letters, digits, '.', '-' or '_', not starting with '.' or '_'.", statusCode: StatusCodes.Status400BadRequest);
        }

        return await StoreAsync(context, lake, audit, options.Value.MaxUploadBytes, $"{LandingZonePaths.Ehr}{date}/{fileName}", AuditActions.BatchUpload);
    }

    /// <summary>Department metadata changes capacities on the board: audited as a configuration change.</summary>
    private static Task<IResult> PutDepartmentMetadataAsync(HttpContext context, LakeWriter lake, AccessAudit audit, IOptions<IngestOptions> options) =>
        StoreAsync(context, lake, audit, options.Value.MaxUploadBytes, LandingZonePaths.DepartmentMetadata, AuditActions.ConfigChange);

    private static async Task<IResult> StoreAsync(HttpContext context, LakeWriter lake, AccessAudit audit, long limit, string path, string action)
    {
        if (await RequestBody.ReadAsync(context, limit) is not { } body) return RequestBody.TooLarge(limit);
        if (body.Length == 0) return Results.Problem("The file is empty.", statusCode: StatusCodes.Status400BadRequest);

        await lake.Storage.WriteAsync(path, body, context.RequestAborted);
        await audit.RecordAsync(context, action, AuditOutcomes.Allowed, detail: $"{path} uploaded ({body.Length} bytes)");
        return Results.Created((string?)null, new { path, bytes = body.Length });
    }

    [GeneratedRegex("^[A-Za-z0-9-][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex SafeFileName();
}
