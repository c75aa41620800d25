using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests;

public class NodeIdsTests
{
    public static TheoryData<string> Valid =>
    [
        "dc1/node-01",
        "a/b",
        "0/9",
        "eu-west.2/gpu_host.17",
        new string('a', 63) + "/" + new string('z', 63),
    ];

    public static TheoryData<string> Invalid =>
    [
        "",
        "/",
        "dc1",
        "dc1/",
        "/node",
        "DC1/node",
        "dc1/Node",
        "dc1/node/x",
        "-dc/node",
        "dc1/.node",
        "dc1/_node",
        "dc 1/node",
        "dc1/nöde",
        new string('a', 64) + "/node",
        "dc1/" + new string('a', 64),
    ];

    [Theory]
    [MemberData(nameof(Valid))]
    public void IsValid_WellFormedId_ReturnsTrue(string nodeId)
    {
        Assert.True(NodeIds.IsValid(nodeId));
        Assert.True(nodeId.Length <= NodeIds.MaxLength);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void IsValid_MalformedId_ReturnsFalse(string nodeId)
    {
        Assert.False(NodeIds.IsValid(nodeId));
    }

    [Fact]
    public void DataCenterOfAndHostOf_ValidId_SplitAtSlash()
    {
        Assert.Equal("dc1", NodeIds.DataCenterOf("dc1/node-01"));
        Assert.Equal("node-01", NodeIds.HostOf("dc1/node-01"));
    }
}
