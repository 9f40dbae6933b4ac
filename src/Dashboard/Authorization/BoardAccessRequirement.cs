using Microsoft.AspNetCore.Authorization;

namespace MHA.Dashboard.Authorization;

/// <summary>The requirement behind each board policy: the caller's <see cref="AccessScope"/> must grant <see cref="Access"/>.</summary>
public sealed record BoardAccessRequirement(BoardAccess Access) : IAuthorizationRequirement;
