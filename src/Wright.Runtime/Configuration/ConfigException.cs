namespace Wright.Runtime.Configuration;

/// <summary>A configuration or usage problem; reported in one line with exit code 2.</summary>
public sealed class ConfigException(string message) : Exception(message);
