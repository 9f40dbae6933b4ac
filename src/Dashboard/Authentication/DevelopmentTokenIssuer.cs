using System.Globalization;
using System.Security.Claims;
using MHA.Dashboard.Authorization;
using MHA.Grains.Catalog;
using MHA.Grains.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MHA.Dashboard.Authentication;

/// <summary>
/// Mints and describes development tokens: HMAC-SHA256 JWTs with the same claims an Entra token is mapped to
/// (<c>roles</c>, <c>mha_hospital</c>, <c>mha_department</c>). Used by the token command, the board's development sign-in and tests.
/// </summary>
public sealed class DevelopmentTokenIssuer
{
    private const string KeyFileName = "dev-token-signing.secret";
    private readonly DevelopmentTokenOptions _options;
    private readonly HospitalCatalog _catalog;
    private readonly TimeProvider _time;

    public DevelopmentTokenIssuer(IOptions<AuthOptions> auth, IOptions<SecurityOptions> security, HospitalCatalog catalog, TimeProvider time)
    {
        _options = auth.Value.Development;
        _catalog = catalog;
        _time = time;
        SigningKey = new SymmetricSecurityKey(LoadKey(_options, security.Value)) { KeyId = "mha-development" };
    }

    public SymmetricSecurityKey SigningKey { get; }

    public string Issuer => _options.Issuer;

    public string Audience => _options.Audience;

    /// <summary>A signed token, or an <see cref="ArgumentException"/> saying what the request lacks.</summary>
    public string Issue(DevelopmentTokenRequest request) => Create(request).Token;

    /// <summary>A signed token with the identity it carries (for the audit row of a sign-in).</summary>
    public DevelopmentToken Create(DevelopmentTokenRequest request)
    {
        var role = MhaRoles.All.FirstOrDefault(r => string.Equals(r, request.Role, StringComparison.OrdinalIgnoreCase))
                   ?? throw new ArgumentException($"Unknown role '{request.Role}': use one of {string.Join(", ", MhaRoles.All)}.");
        var claims = new List<Claim> { new(MhaClaimTypes.Roles, role) };
        int? scopedHospital = null;
        string? scopedDepartment = null;
        if (MhaRoles.IsScoped(role))
        {
            if (request.HospitalId is not { } hospital || !_catalog.TryGetHospital(hospital, out _))
            {
                throw new ArgumentException($"{role} needs a hospital of the catalog (--hospital 1..{_catalog.Hospitals.Count}).");
            }

            claims.Add(new Claim(MhaClaimTypes.Hospital, hospital.ToString(CultureInfo.InvariantCulture)));
            scopedHospital = hospital;
        }

        if (role == MhaRoles.ChargeNurse)
        {
            var department = _catalog.DepartmentNames.FirstOrDefault(d => string.Equals(d, request.Department, StringComparison.OrdinalIgnoreCase))
                             ?? throw new ArgumentException($"ChargeNurse needs a department: one of {string.Join(", ", _catalog.DepartmentNames)}.");
            claims.Add(new Claim(MhaClaimTypes.Department, department));
            scopedDepartment = department;
        }

        var name = string.IsNullOrWhiteSpace(request.Name)
            ? $"dev-{role.ToLowerInvariant()}{(scopedHospital is { } h ? $"-h{h}" : "")}"
            : request.Name.Trim();
        claims.Add(new Claim(MhaClaimTypes.Name, name));
        claims.Add(new Claim(MhaClaimTypes.Subject, name));

        var now = _time.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (request.Lifetime ?? _options.TokenLifetime),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new DevelopmentToken(token, name, role, scopedHospital, scopedDepartment);
    }

    private static byte[] LoadKey(DevelopmentTokenOptions options, SecurityOptions security)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var key = Convert.FromBase64String(options.SigningKey);
            return key.Length >= 32 ? key : throw new InvalidOperationException("Auth:Development:SigningKey must be base64 of 32 or more bytes.");
        }

        return LocalSecretFile.ReadOrCreate(Path.Combine(security.LocalSecretsPath, KeyFileName));
    }
}
