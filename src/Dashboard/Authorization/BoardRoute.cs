using System.Globalization;
using Microsoft.AspNetCore.Routing;

namespace MHA.Dashboard.Authorization;

/// <summary>The hospital and department a request's route names (<c>{hospitalId}</c>, <c>{department}</c>), as written.</summary>
internal static class BoardRoute
{
    public static (int? HospitalId, string? Department) Of(RouteValueDictionary? values) =>
        (int.TryParse(values?["hospitalId"] as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null,
         values?["department"] as string);
}
