using System.Security.Cryptography;
using MHA.Grains.Alerts;
using MHA.Grains.Audit;
using MHA.Grains.Catalog;
using MHA.Grains.Grains;
using MHA.Grains.Lake.Storage;
using MHA.Grains.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MHA.Grains.Batch;

/// <summary>
/// Keeps this silo's <see cref="HospitalCatalog"/> equal to <c>landing/metadata/departments.json</c> and hands changed
/// departments to their hospital grains, so the board shows the new capacity at once; the next Gold refresh opens a new
/// <c>dim_department</c> version. Every silo runs it (each has its own catalog); pushing the same metadata twice changes nothing.
/// Each applied department change, and each rejected file, is a <c>config_change</c> in the audit log (one row per silo).
/// </summary>
public sealed class DepartmentMetadataSync(
    ILakeStorage storage,
    HospitalCatalog catalog,
    IGrainFactory grains,
    PipelineMonitor monitor,
    TimeProvider time,
    AuditLog audit,
    IServiceProvider services,
    ILogger<DepartmentMetadataSync> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _appliedSha256;

    /// <summary>Applies the metadata file when its content changed since the last sync; returns the hospitals that changed.</summary>
    public async Task<IReadOnlyList<int>> SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        var started = time.GetUtcNow();
        try
        {
            var listed = await storage.ListAsync(LandingZonePaths.DepartmentMetadata, cancellationToken);
            if (!listed.Any(f => f.Path == LandingZonePaths.DepartmentMetadata)) return [];
            var content = await storage.ReadAsync(LandingZonePaths.DepartmentMetadata, cancellationToken);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
            if (sha256 == _appliedSha256) return [];

            IReadOnlyList<int> changed;
            var before = catalog.AllDepartments.ToDictionary(d => d.Key, StringComparer.Ordinal);
            try
            {
                changed = catalog.ApplyMetadata(DepartmentMetadataFile.Parse(content));
            }
            catch (InvalidDataException ex)
            {
                _appliedSha256 = sha256;
                monitor.Completed(PipelineJobs.DepartmentMetadata, false, $"{LandingZonePaths.DepartmentMetadata} rejected: {ex.Message}", started);
                logger.LogWarning("Department metadata rejected, catalog unchanged: {Reason}", ex.Message);
                await audit.RecordAsync(new AuditRecord(time.GetUtcNow(), AuditActors.MetadataSync, AuditActors.SystemRole, AuditActions.ConfigChange,
                    AuditOutcomes.Denied, null, null, LandingZonePaths.DepartmentMetadata, $"rejected, catalog unchanged: {ex.Message}"), cancellationToken);
                await AlertAsync(ex.Message, cancellationToken);
                return [];
            }

            foreach (var hospitalId in changed)
            {
                await grains.GetGrain<IHospitalGrain>(hospitalId).ReconfigureDepartmentsAsync(catalog.GetHospital(hospitalId).Departments);
            }

            await AuditChangesAsync(before, changed, cancellationToken);
            _appliedSha256 = sha256;
            monitor.Completed(PipelineJobs.DepartmentMetadata, true, changed.Count == 0 ? "no change" : $"hospitals {string.Join(", ", changed)} updated", started);
            if (changed.Count > 0) logger.LogInformation("Department metadata applied: hospitals {Hospitals} changed", string.Join(", ", changed));
            return changed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            monitor.Completed(PipelineJobs.DepartmentMetadata, false, ex.Message, started);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One audit row per department whose capacity, staffed beds or staff changed, saying from what to what.</summary>
    private async Task AuditChangesAsync(Dictionary<string, DepartmentInfo> before, IReadOnlyList<int> hospitals, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var records = new List<AuditRecord>();
        foreach (var hospitalId in hospitals)
        {
            foreach (var after in catalog.GetHospital(hospitalId).Departments)
            {
                if (!before.TryGetValue(after.Key, out var was) || was == after) continue;
                var changes = new[]
                    {
                        Change("capacity", was.Capacity, after.Capacity),
                        Change("staffed_beds", was.StaffedBeds, after.StaffedBeds),
                        Change("staff", was.Staff, after.Staff),
                    }
                    .OfType<string>();
                records.Add(new AuditRecord(at, AuditActors.MetadataSync, AuditActors.SystemRole, AuditActions.ConfigChange, AuditOutcomes.Allowed,
                    hospitalId, after.Department, LandingZonePaths.DepartmentMetadata, $"{after.HospitalName} {after.Department}: {string.Join(", ", changes)}"));
            }
        }

        // Concurrently: in the durable profiles the rows then share one commit instead of waiting for one each.
        await Task.WhenAll(records.Select(r => audit.RecordAsync(r, cancellationToken)));
    }

    private static string? Change(string name, int? was, int? now) =>
        was == now ? null : $"{name} {was?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset"} -> {now?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset"}";

    private async Task AlertAsync(string reason, CancellationToken cancellationToken)
    {
        if (services.GetService<IAlertPublisher>() is not { } alerts) return;
        try
        {
            await alerts.RaiseAsync(new AlertSignal("batch/" + LandingZonePaths.DepartmentMetadata, "mha.alert.batch_file_rejected", AlertSeverity.Warning,
                $"Department metadata {LandingZonePaths.DepartmentMetadata} rejected: {reason}",
                new Dictionary<string, string> { ["file"] = LandingZonePaths.DepartmentMetadata, ["reason"] = reason }), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Alert for rejected department metadata could not be raised: {Error}", ex.Message);
        }
    }
}
