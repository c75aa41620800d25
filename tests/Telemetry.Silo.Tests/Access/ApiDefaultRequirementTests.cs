using Microsoft.AspNetCore.Http;
using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Tests.Access;

public sealed class ApiDefaultRequirementTests
{
    [Theory]
    [InlineData("GET", "/api/v1/fleet", ApiRole.Viewer)]
    [InlineData("HEAD", "/api/v1/fleet", ApiRole.Viewer)]
    [InlineData("GET", "/API/V1/stream", ApiRole.Viewer)]
    [InlineData("POST", "/api/v1/placement", ApiRole.Admin)]
    [InlineData("PUT", "/api/v1/rebalance/policy", ApiRole.Admin)]
    [InlineData("DELETE", "/api/v1/reservations/r1", ApiRole.Admin)]
    [InlineData("GET", "/metrics", null)]
    [InlineData("GET", "/", null)]
    [InlineData("POST", "/api/v10/x", null)]
    public void RoleFor_EndpointWithoutARole_ReadsNeedViewerAndChangesAdmin(string method, string path, ApiRole? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;

        Assert.Equal(expected, ApiDefaultRequirement.RoleFor(context.Request));
    }
}
