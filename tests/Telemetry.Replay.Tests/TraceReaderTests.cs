using Telemetry.Replay.Trace;

namespace Telemetry.Replay.Tests;

public sealed class TraceReaderTests
{
    [Fact]
    public void Read_ColumnsInAnyOrderWithGpuSpec_MapsByHeaderName()
    {
        var csv = "gpu_spec,num_gpu,name,gpu_milli,creation_time,deletion_time\nV100M16|V100M32,1,p0,460,10,20\n,8,p1,1000,11,50\n,0,p2,0,12,13\n";
        var tasks = TraceReader.Read("t.csv", new StringReader(csv));

        Assert.Equal(3, tasks.Count);
        Assert.Equal(new[] { "V100M16", "V100M32" }, tasks[0].Models);
        Assert.True(tasks[0].IsFractional);
        Assert.Equal(460, tasks[0].DemandMilli);
        Assert.Equal(8000, tasks[1].DemandMilli);
        Assert.Equal(39, tasks[1].Duration);
        Assert.Equal(0, tasks[2].DemandMilli);
    }

    [Fact]
    public void Read_NoTimeColumns_LeavesTimesNull()
    {
        var tasks = TraceReader.Read("t.csv", new StringReader("name,num_gpu,gpu_milli\np0,2,1000\n"));

        Assert.Null(tasks[0].CreatedAt);
        Assert.Null(tasks[0].Duration);
    }

    [Fact]
    public void Read_BadNumber_NamesFileLineAndColumn()
    {
        var e = Assert.Throws<TraceFormatException>(() =>
            TraceReader.Read("pods.csv", new StringReader("name,num_gpu,gpu_milli\np0,1,500\np1,x,500\n")));

        Assert.Equal(3, e.Line);
        Assert.Equal("num_gpu", e.Column);
        Assert.Contains("pods.csv:3: column 'num_gpu'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingColumn_NamesIt()
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceReader.Read("pods.csv", new StringReader("name,gpu_milli\np0,500\n")));

        Assert.Equal(1, e.Line);
        Assert.Equal("num_gpu", e.Column);
    }

    [Fact]
    public void Read_ShareOutOfRange_NamesGpuMilli()
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceReader.Read("pods.csv", new StringReader("name,num_gpu,gpu_milli\np0,1,1200\n")));

        Assert.Equal("gpu_milli", e.Column);
    }

    [Fact]
    public void Read_MissingFile_NamesIt()
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceReader.Read("/nonexistent/pods.csv"));

        Assert.StartsWith("/nonexistent/pods.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShortLine_NamesTheLine()
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceReader.Read("pods.csv", new StringReader("name,num_gpu,gpu_milli\np0,1\n")));

        Assert.Equal(2, e.Line);
        Assert.Null(e.Column);
    }

    [Fact]
    public void ReadNodes_DefaultNodeList_Has1213NodesAnd6212Gpus()
    {
        var nodes = NodeListReader.Read(Traces.Shared("openb_node_list_gpu_node.csv"));

        Assert.Equal(1213, nodes.Count);
        Assert.Equal(6212, nodes.Sum(n => n.Gpus));
    }

    [Fact]
    public void ReadNodes_DuplicateName_IsRefused()
    {
        var e = Assert.Throws<TraceFormatException>(() =>
            NodeListReader.Read("nodes.csv", new StringReader("sn,gpu,model\na,2,T4\na,2,T4\n")));

        Assert.Equal(3, e.Line);
        Assert.Equal("sn", e.Column);
    }

    [Fact]
    public void Read_DefaultTrace_Has8152Tasks()
    {
        var tasks = TraceReader.Read(Traces.Shared("openb_pod_list_default.csv"));

        Assert.Equal(8152, tasks.Count);
        Assert.Equal(1088, tasks.Count(t => t.Gpus == 0));
    }
}
