namespace Wright.Server.Api;

/// <summary>An RFC 9457 problem details object (<c>application/problem+json</c>).</summary>
public sealed record Problem(string Type, string Title, int Status, string Detail, string? Instance);
