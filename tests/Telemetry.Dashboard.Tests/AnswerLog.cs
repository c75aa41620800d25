namespace Telemetry.Dashboard.Tests;

/// <summary>
/// Counts, inside the page, the API answers the page has read. A view acts on an answer in the same microtask checkpoint
/// in which its body is parsed, so once the count has grown (seen from a later task, as every evaluation is) the view
/// that asked has done with it whatever it was going to do.
/// </summary>
internal static class AnswerLog
{
    private const string Script = """
        window.answered = {};
        const json = Response.prototype.json;
        Response.prototype.json = function () {
          const path = new URL(this.url).pathname;
          return json.call(this).then((body) => { window.answered[path] = (window.answered[path] ?? 0) + 1; return body; });
        };
        """;

    /// <summary>Installs the count in every document the page loads from now on.</summary>
    public static Task InstallAsync(IPage page) => page.AddInitScriptAsync(Script);

    /// <summary>How many answers from <paramref name="path"/> (an absolute path, no query) the page has read.</summary>
    public static Task<int> CountAsync(IPage page, string path) =>
        page.EvaluateAsync<int>("(path) => window.answered[path] ?? 0", path);

    /// <summary>Waits (30 s at most) until the page has read more than <paramref name="seen"/> answers from <paramref name="path"/>.</summary>
    public static Task WaitBeyondAsync(IPage page, string path, int seen) =>
        page.WaitForFunctionAsync("([path, seen]) => (window.answered[path] ?? 0) > seen", new object[] { path, seen }, new() { Timeout = 30_000 });
}
