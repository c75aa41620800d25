using System.Text;

namespace Telemetry.Benchmarks.Reporting;

/// <summary>A table of measures (rows) by server (columns), rendered as aligned plain text or as Markdown.</summary>
internal sealed class ResultTable(string corner, IReadOnlyList<string> columns)
{
    private readonly List<string[]> _rows = [];

    public ResultTable Row(string label, IEnumerable<string> cells)
    {
        _rows.Add([label, .. cells]);
        return this;
    }

    public string ToText()
    {
        var all = AllRows();
        var widths = Enumerable.Range(0, all[0].Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            // Labels read left-aligned, figures right-aligned so their digits line up.
            text.Append(row[0].PadRight(widths[0]));
            for (var c = 1; c < row.Length; c++)
            {
                text.Append("  ").Append(row[c].PadLeft(widths[c]));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    public string ToMarkdown()
    {
        var all = AllRows();
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", all[0]) + " |");
        text.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", all[0].Length - 1)));
        foreach (var row in all.Skip(1))
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    /// <summary>Writes the Markdown block docs/performance.md takes: the command that reproduces the run, then the table.</summary>
    public void WriteMarkdown(string commandLine)
    {
        Console.WriteLine("Markdown:");
        Console.WriteLine();
        Console.WriteLine($"`{commandLine}`");
        Console.WriteLine();
        Console.Write(ToMarkdown());
    }

    private List<string[]> AllRows() => [[corner, .. columns], .. _rows];
}
