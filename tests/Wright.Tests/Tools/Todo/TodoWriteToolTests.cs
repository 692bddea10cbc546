using System.Text.Json;
using Wright.Core.Events;
using Wright.Tests.Support;
using Wright.Tools.Todo;

namespace Wright.Tests.Tools.Todo;

public sealed class TodoWriteToolTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Replaces_the_plan_publishes_it_and_renders_it_compactly()
    {
        var tool = new TodoWriteTool();
        var args = JsonDocument.Parse("""
            {"items":[{"content":"read code","status":"done"},{"content":"fix bug","status":"in_progress"},{"content":"run tests","status":"pending"}]}
            """).RootElement;
        var result = await tool.InvokeAsync(args, _ctx.Context, TestContext.Current.CancellationToken);

        Assert.Equal("Plan updated (1/3 done):\n[x] read code\n[>] fix bug\n[ ] run tests", result.Content.ReplaceLineEndings("\n"));
        var published = Assert.IsType<TodoUpdated>(Assert.Single(_ctx.Events));
        Assert.Equal([TodoStatus.Done, TodoStatus.InProgress, TodoStatus.Pending], published.Items.Select(i => i.Status));
        Assert.Equal(3, _ctx.Context.GetState<TodoList>().Items.Count);
    }

    [Fact]
    public async Task Warns_about_two_items_in_progress_and_rejects_empty_content()
    {
        var tool = new TodoWriteTool();
        var two = await tool.InvokeAsync(JsonDocument.Parse("""{"items":[{"content":"a","status":"in_progress"},{"content":"b","status":"in_progress"}]}""").RootElement,
            _ctx.Context, TestContext.Current.CancellationToken);
        var empty = await tool.InvokeAsync(JsonDocument.Parse("""{"items":[{"content":"  ","status":"pending"}]}""").RootElement,
            _ctx.Context, TestContext.Current.CancellationToken);

        Assert.Contains("more than one item is in_progress", two.Content);
        Assert.True(empty.IsError);
    }
}
