using System.Security.Claims;
using MHA.Dashboard.Authorization;
using MHA.Grains.Catalog;

namespace MHA.UnitTests.Security;

/// <summary>The role and scope rules in one place: what each token grants, and what a malformed one does not.</summary>
public sealed class AccessScopeTests
{
    private static readonly HospitalCatalog Catalog = HospitalCatalog.Create(new CatalogOptions());

    private static AccessScope Scope(string? role, string? hospital = null, string? department = null, bool authenticated = true)
    {
        var claims = new List<Claim>();
        if (role is not null) claims.Add(new Claim(MhaClaimTypes.Roles, role));
        if (hospital is not null) claims.Add(new Claim(MhaClaimTypes.Hospital, hospital));
        if (department is not null) claims.Add(new Claim(MhaClaimTypes.Department, department));
        return AccessScope.From(new ClaimsPrincipal(new ClaimsIdentity(claims, authenticated ? "test" : null)), Catalog);
    }

    [Fact]
    public void A_charge_nurse_sees_her_hospital_and_beds_of_her_department_only()
    {
        var nurse = Scope(MhaRoles.ChargeNurse, "2", "icu");
        Assert.Equal("ICU", nurse.Department);
        Assert.True(nurse.CanViewOccupancy(2));
        Assert.False(nurse.CanViewOccupancy(3));
        Assert.False(nurse.SeesAllHospitals);
        Assert.True(nurse.CanViewBeds(2, "ICU"));
        Assert.False(nurse.CanViewBeds(2, "Surgery"));
        Assert.False(nurse.CanViewBeds(3, "ICU"));
        Assert.False(nurse.CanViewQuality);
        Assert.False(nurse.CanViewAnomalies(2));
        Assert.False(nurse.CanIngest);
        Assert.Equal([2], nurse.VisibleHospitals(Catalog));
    }

    [Fact]
    public void A_hospital_manager_sees_every_bed_of_one_hospital_and_its_quality()
    {
        var manager = Scope(MhaRoles.HospitalManager, "5");
        Assert.All(Catalog.DepartmentNames, d => Assert.True(manager.CanViewBeds(5, d)));
        Assert.False(manager.CanViewBeds(4, "ICU"));
        Assert.True(manager.CanViewQuality);
        Assert.True(manager.CanViewAnomalies(5));
        Assert.False(manager.CanViewAnomalies(4));
        Assert.False(manager.CanViewPipeline);
        Assert.True(manager.CanViewAlertFor(5));
        Assert.False(manager.CanViewAlertFor(4));
        Assert.False(manager.CanViewAlertFor(null));
    }

    [Fact]
    public void An_analyst_sees_every_hospital_but_never_a_bed()
    {
        var analyst = Scope(MhaRoles.Analyst);
        Assert.True(analyst.SeesAllHospitals);
        Assert.Equal(7, analyst.VisibleHospitals(Catalog).Count());
        Assert.All(Catalog.Hospitals, h => Assert.All(Catalog.DepartmentNames, d => Assert.False(analyst.CanViewBeds(h.Id, d))));
        Assert.True(analyst.CanViewQuality);
        Assert.True(analyst.CanViewPipeline);
        Assert.False(analyst.CanIngest);
    }

    [Fact]
    public void An_ingestor_posts_and_reads_nothing()
    {
        var ingestor = Scope(MhaRoles.Ingestor);
        Assert.True(ingestor.CanIngest);
        Assert.False(ingestor.CanViewAnyOccupancy);
        Assert.False(ingestor.CanViewAlerts);
        Assert.False(ingestor.CanViewQuality);
        Assert.Empty(ingestor.VisibleHospitals(Catalog));
    }

    [Theory]
    [InlineData(MhaRoles.HospitalManager, null, null)]        // no hospital claim
    [InlineData(MhaRoles.HospitalManager, "99", null)]        // not in the catalog
    [InlineData(MhaRoles.HospitalManager, "1; 2", null)]      // not a number
    [InlineData(MhaRoles.ChargeNurse, "1", null)]             // no department
    [InlineData(MhaRoles.ChargeNurse, "1", "Intensive")]      // not a canonical department
    [InlineData(MhaRoles.ChargeNurse, "1", "Surgry")]         // a typo the event cleaner would forgive
    [InlineData("Administrator", null, null)]                 // not one of our roles
    [InlineData(null, null, null)]                            // no role at all
    public void A_token_without_a_valid_scope_grants_nothing(string? role, string? hospital, string? department)
    {
        var scope = Scope(role, hospital, department);
        Assert.False(scope.CanViewAnyOccupancy);
        Assert.Empty(scope.VisibleHospitals(Catalog));
        Assert.All(Catalog.DepartmentNames, d => Assert.False(scope.CanViewBeds(1, d)));
        Assert.False(scope.CanIngest);
    }

    [Fact]
    public void An_unauthenticated_principal_grants_nothing_whatever_its_claims()
    {
        var scope = Scope(MhaRoles.NetworkAdmin, authenticated: false);
        Assert.False(scope.IsAdmin);
        Assert.False(scope.CanViewAnyOccupancy);
    }
}
