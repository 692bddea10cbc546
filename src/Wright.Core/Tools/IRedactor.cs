namespace Wright.Core.Tools;

/// <summary>Removes secrets from text before it reaches the model, the transcript or any log.</summary>
public interface IRedactor
{
    /// <summary>Returns the text with secrets replaced.</summary>
    string Redact(string text);
}
