using System.Text.Json;
using ModelContextProtocol.Protocol;
using Wright.Mcp.Elicitation;

namespace Wright.Tests.Mcp;

/// <summary>The form built from an elicitation schema and the validation of what a person types into it.</summary>
public sealed class ElicitationFormTests
{
    private static ElicitationForm Form(string schema) => ElicitationForm.From(JsonSerializer.Deserialize(
        $$"""{"message":"m","requestedSchema":{{schema}}}""", ModelContextProtocol.McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ElicitRequestParams)))
        as ElicitRequestParams ?? throw new InvalidOperationException());

    private static string? Parse(ElicitationField field, string typed) =>
        field.TryParse(typed, out var value, out var error) ? value?.GetRawText() ?? "(left out)" : "error: " + error;

    [Fact]
    public void Each_primitive_kind_is_parsed_and_validated()
    {
        var form = Form("""
            {"type":"object","properties":{
              "name":{"type":"string","title":"Name","minLength":2,"maxLength":5},
              "mail":{"type":"string","format":"email"},
              "age":{"type":"integer","minimum":0,"maximum":150,"default":30},
              "ratio":{"type":"number"},
              "ok":{"type":"boolean"},
              "color":{"type":"string","oneOf":[{"const":"r","title":"Red"},{"const":"g","title":"Green"}]},
              "tags":{"type":"array","items":{"type":"string","enum":["a","b","c"]},"maxItems":2}},
             "required":["name"]}
            """);
        var f = form.Fields.ToDictionary(x => x.Name);

        Assert.Equal("error: an answer is required", Parse(f["name"], ""));
        Assert.StartsWith("error: must be 2 to 5", Parse(f["name"], "x"));
        Assert.Equal("\"Ada\"", Parse(f["name"], " Ada "));
        Assert.Equal("(left out)", Parse(f["mail"], ""));
        Assert.Equal("error: not a valid email", Parse(f["mail"], "nope"));
        Assert.Equal("30", Parse(f["age"], ""));
        Assert.Equal("error: must be a whole number", Parse(f["age"], "1.5"));
        Assert.StartsWith("error: must be between 0 and 150", Parse(f["age"], "200"));
        Assert.Equal("2.5", Parse(f["ratio"], "2.5"));
        Assert.Equal("error: not a number", Parse(f["ratio"], "two"));
        Assert.Equal("true", Parse(f["ok"], "yes"));
        Assert.Equal("error: answer y or n", Parse(f["ok"], "maybe"));
        Assert.Equal("\"g\"", Parse(f["color"], "2"));
        Assert.Equal("\"r\"", Parse(f["color"], "red"));
        Assert.StartsWith("error: choose one of 1) Red, 2) Green", Parse(f["color"], "blue"));
        Assert.Equal("[\"a\",\"c\"]", Parse(f["tags"], "1, c, a"));
        Assert.StartsWith("error: choose between", Parse(f["tags"], "a,b,c"));
    }

    [Fact]
    public async Task The_headless_answer_is_decline()
    {
        var result = await DecliningElicitor.Instance.ElicitAsync("s", new ElicitRequestParams { Message = "m" }, TestContext.Current.CancellationToken);
        Assert.Equal("decline", result.Action);
        Assert.Null(result.Content);
    }
}
