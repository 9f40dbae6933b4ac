using System.Net;
using System.Text;
using System.Text.Json;
using MHA.Dashboard.Authorization;
using MHA.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>
/// Role × endpoint × hospital/department, over HTTP through Kestrel: every endpoint the host maps is in the table, and
/// each caller gets exactly the expected status (401 without a token, 403 outside role or scope).
/// </summary>
public sealed class AuthorizationMatrixTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    /// <summary>Callers, in the column order of <see cref="Table"/>.</summary>
    private static readonly string[] Callers = ["anonymous", "NetworkAdmin", "HospitalManager@1", "ChargeNurse@1/ICU", "Analyst", "Ingestor"];

    private const int A = 200, C = 201, Q = 202, R = 302, U = 401, F = 403;

    /// <summary>(route pattern as mapped, method, concrete path, expected status per caller).</summary>
    private static readonly (string Pattern, string Method, string Path, int[] Expected)[] Table =
    [
        ("/api/occupancy/", "GET", "/api/occupancy", [U, A, A, A, A, F]),
        ("/api/occupancy/{hospitalId:int}", "GET", "/api/occupancy/1", [U, A, A, A, A, F]),
        ("/api/occupancy/{hospitalId:int}", "GET", "/api/occupancy/2", [U, A, F, F, A, F]),
        ("/api/occupancy/{hospitalId:int}/anomalies", "GET", "/api/occupancy/1/anomalies", [U, A, A, F, A, F]),
        ("/api/occupancy/{hospitalId:int}/anomalies", "GET", "/api/occupancy/2/anomalies", [U, A, F, F, A, F]),
        ("/api/occupancy/{hospitalId:int}/departments/{department}/beds", "GET", "/api/occupancy/1/departments/ICU/beds", [U, A, A, A, F, F]),
        ("/api/occupancy/{hospitalId:int}/departments/{department}/beds", "GET", "/api/occupancy/1/departments/icu/beds", [U, A, A, A, F, F]),
        ("/api/occupancy/{hospitalId:int}/departments/{department}/beds", "GET", "/api/occupancy/1/departments/Surgery/beds", [U, A, A, F, F, F]),
        ("/api/occupancy/{hospitalId:int}/departments/{department}/beds", "GET", "/api/occupancy/2/departments/ICU/beds", [U, A, F, F, F, F]),
        ("/api/board/config", "GET", "/api/board/config", [U, A, A, A, A, F]),
        ("/api/quality", "GET", "/api/quality", [U, A, A, F, A, F]),
        ("/api/pipeline", "GET", "/api/pipeline", [U, A, F, F, A, F]),
        ("/api/alerts", "GET", "/api/alerts", [U, A, A, A, A, F]),
        ("/api/events", "POST", "/api/events", [U, Q, F, F, F, Q]),
        ("/api/landing/ehr/{date}/{fileName}", "PUT", "/api/landing/ehr/2026-11-20/matrix.csv", [U, C, F, F, F, C]),
        ("/api/landing/metadata/departments", "PUT", "/api/landing/metadata/departments", [U, C, F, F, F, C]),
        ("/api/me", "GET", "/api/me", [U, A, A, A, A, A]),
        ("/api/auth/config", "GET", "/api/auth/config", [A, A, A, A, A, A]),
        ("/api/auth/dev-token", "POST", "/api/auth/dev-token", [A, A, A, A, A, A]),
        ("/health", "GET", "/health", [A, A, A, A, A, A]),
        ("/alive", "GET", "/alive", [A, A, A, A, A, A]),
        ("/quality", "GET", "/quality", [R, R, R, R, R, R]),
        ("/pipeline", "GET", "/pipeline", [R, R, R, R, R, R]),
        ("/hubs/occupancy/negotiate", "POST", "/hubs/occupancy/negotiate?negotiateVersion=1", [U, A, A, A, A, F]),
        ("/hubs/occupancy", "GET", "/hubs/occupancy", [U, 400, 400, 400, 400, F]),
    ];

    public static TheoryData<string, string, string, int> Cases()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var row in Table)
        {
            for (var i = 0; i < Callers.Length; i++) data.Add(row.Method, row.Path, Callers[i], row.Expected[i]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Caller_gets_the_expected_status(string method, string path, string caller, int expected)
    {
        using var client = Client(caller);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = BodyFor(path) };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{caller} {method} {path}: expected {expected}, got {(int)response.StatusCode}: {body}");
        if ((int)response.StatusCode == 401)
        {
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public void Every_mapped_endpoint_is_in_the_table_and_states_an_authorization_decision()
    {
        var endpoints = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();
        Assert.NotEmpty(endpoints);
        var covered = Table.Select(r => (Normalize(r.Pattern), r.Method)).ToHashSet();
        foreach (var endpoint in endpoints)
        {
            var pattern = Normalize(endpoint.RoutePattern.RawText ?? "");
            // An endpoint without method metadata answers any method: the table must probe it with one.
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods ?? [])
            {
                Assert.True(covered.Contains((pattern, method)), $"{method} {pattern} is mapped but not in the authorization table");
            }

            Assert.True(methods is not null || covered.Any(c => c.Item1 == pattern), $"{pattern} (any method) is mapped but not in the authorization table");

            var decided = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
            Assert.True(decided, $"{endpoint.DisplayName} ({pattern}) names no authorization decision");
        }
    }

    [Fact]
    public async Task Scoped_roles_see_only_their_own_hospital_in_network_answers()
    {
        foreach (var (caller, hospitals) in new[] { ("NetworkAdmin", 7), ("Analyst", 7), ("HospitalManager@1", 1), ("ChargeNurse@1/ICU", 1) })
        {
            using var client = Client(caller);
            var network = JsonDocument.Parse(await client.GetStringAsync("/api/occupancy")).RootElement;
            var ids = network.GetProperty("hospitals").EnumerateArray().Select(h => h.GetProperty("hospital_id").GetInt32()).ToArray();
            Assert.Equal(hospitals, ids.Length);
            if (hospitals == 1) Assert.Equal([1], ids);
        }
    }

    private HttpClient Client(string caller)
    {
        var host = fixture.Host;
        var token = caller switch
        {
            "anonymous" => null,
            "HospitalManager@1" => host.TokenFor(MhaRoles.HospitalManager, 1),
            "ChargeNurse@1/ICU" => host.TokenFor(MhaRoles.ChargeNurse, 1, "ICU"),
            _ => host.TokenFor(caller),
        };
        return host.ClientFor(token, followRedirects: false);
    }

    private static HttpContent? BodyFor(string path) => path switch
    {
        "/api/events" => new StringContent(TestEvents.Admission($"matrix-{Guid.NewGuid():N}", "P-matrix-1", 6, "Oncology", "H6-ONC-01"), Encoding.UTF8, "application/x-ndjson"),
        "/api/auth/dev-token" => new StringContent("""{"role":"Analyst"}""", Encoding.UTF8, "application/json"),
        "/api/landing/metadata/departments" => new StringContent("""{ "departments": [ { "hospital_id": 7, "department": "Oncology", "capacity": 20 } ] }""", Encoding.UTF8, "application/json"),
        _ when path.StartsWith("/api/landing/", StringComparison.Ordinal) => new StringContent("event_id,event_type\n", Encoding.UTF8, "text/csv"),
        _ => null,
    };

    private static string Normalize(string pattern) => "/" + pattern.Trim('/');
}
