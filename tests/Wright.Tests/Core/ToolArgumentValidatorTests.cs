using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tests.Core;

public sealed class ToolArgumentValidatorTests
{
    private static readonly JsonElement Schema = ToolRegistry.Schema("""
        {"type":"object","properties":{"path":{"type":"string"},"limit":{"type":"integer","minimum":1},
         "mode":{"type":"string","enum":["a","b"]}},"required":["path"],"additionalProperties":false}
        """);

    private static string? Check(string json) => ToolArgumentValidator.Validate(Schema, JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Accepts_valid_arguments() => Assert.Null(Check("""{"path":"a.txt","limit":3,"mode":"b"}"""));

    [Fact]
    public void Names_missing_required_argument() => Assert.Equal("missing required argument 'path'", Check("{}"));

    [Fact]
    public void Names_wrong_type() => Assert.Equal("argument 'limit' must be an integer, got a string", Check("""{"path":"x","limit":"3"}"""));

    [Fact]
    public void Rejects_unknown_argument() => Assert.Contains("unknown argument 'bogus'", Check("""{"path":"x","bogus":1}"""));

    [Fact]
    public void Rejects_value_outside_enum() => Assert.Contains("must be one of", Check("""{"path":"x","mode":"c"}"""));

    [Fact]
    public void Rejects_below_minimum() => Assert.Contains("at least 1", Check("""{"path":"x","limit":0}"""));

    [Fact]
    public void Treats_null_optional_as_absent() => Assert.Null(Check("""{"path":"x","limit":null}"""));

    [Fact]
    public void Rejects_non_object() => Assert.Equal("the arguments must be an object, got an array", Check("[]"));
}
