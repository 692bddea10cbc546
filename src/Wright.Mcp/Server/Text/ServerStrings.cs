namespace Wright.Mcp.Server.Text;

/// <summary>What <c>wright mcp serve</c> tells its clients: tool errors, JSON-RPC and HTTP errors.</summary>
internal static class ServerStrings
{
    // Tool arguments ({0} = tool, {1} = argument).
    public const string UnknownTool = "unknown tool '{0}'; this server offers run_task";
    public const string UnknownArgument = "{0}: unknown argument '{1}' (the arguments are {2})";
    public const string MissingArgument = "{0}: the argument '{1}' is required";
    public const string BadArgument = "{0}: argument '{1}' {2}";
    public const string MustBeString = "must be a string, got {0}";
    public const string MustBeInteger = "must be a whole number, got {0}";
    public const string MustBeNumber = "must be a number, got {0}";
    public const string MustBeBoolean = "must be true or false, got {0}";
    public const string MustBeOneOf = "must be one of {0}, got {1}";
    public const string MustBeAtLeast = "must be at least {0}, got {1}";
    public const string MustBeAtMost = "must be at most {0}, got {1}";
    public const string MustNotBeEmpty = "must not be empty";
    public const string TheString = "the string {0}";
    public const string AnObject = "an object";
    public const string AnArray = "an array";
    public const string AboveCeiling = "{0}: argument 'permission_mode' is '{1}', above this server's own mode '{2}' (the most a call may have)";

    // Workspaces ({0} = the cwd as requested, {1} = the roots).
    public const string NoSuchRoot = "the root directory does not exist: {0}";
    public const string NoRoots = "has no directory to work in: this server has no allowed root (start it with --root DIR, or --cwd DIR, a project directory other than / or the home directory)";
    public const string NoDefaultWorkspace = "is required here: the server's own directory is not an allowed workspace; name a directory inside one of: {0}";
    public const string CwdHasNul = "contains a NUL character";
    public const string CwdMissing = "names no directory: {0}";
    public const string CwdTooWide = "'{0}' is the file-system root, the home directory or above it, never a workspace (allowed roots: {1})";
    public const string CwdInWrightHome = "'{0}' is in or above Wright's own home, never a workspace (allowed roots: {1})";
    public const string CwdOutsideRoots = "'{0}' is outside this server's roots: {1}";

    // JSON-RPC over stdio.
    public const string ParseError = "Parse error: the line is not JSON.";
    public const string InvalidRequest = "Invalid Request: the line is not a JSON-RPC 2.0 message.";

    // HTTP.
    public const string ForbiddenHost = "Forbidden: the Host header does not name this server (DNS-rebinding protection)";
    public const string ForbiddenOrigin = "Forbidden: the Origin is not this server's (DNS-rebinding protection)";
    public const string Unauthorized = "Unauthorized: send Authorization: Bearer <token> (WRIGHT_MCP_TOKEN, or the token the server printed)";
    public const string NotFound = "Not Found: the MCP endpoint is /mcp";
    public const string BadHost = "--host must be an IP address or localhost, got '{0}'";

    // The token file ({0} = path).
    public const string TokenFileLink = "{0} is a symbolic link; remove it (a new token is then made) or set WRIGHT_MCP_TOKEN";
    public const string TokenFileOpen = "{0} can be read or written by others; run chmod 600 on it, or remove it for a new token";
    public const string TokenFileBad = "{0} does not hold a token (16 or more characters, no spaces); remove it for a new one";
    public const string TokenFileUnreadable = "cannot read {0}: {1}";
}
