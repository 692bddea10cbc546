namespace Wright.Server.Text;

/// <summary>Every user-facing string of the HTTP server (for translation).</summary>
internal static class ServeStrings
{
    public const string Unauthorized = "Unauthorized: send Authorization: Bearer <token> (WRIGHT_SERVER_TOKEN, or the token wright serve printed), or open the dashboard URL it printed";
    public const string NotFound = "no such endpoint: {0} {1} (see /openapi.json)";
    public const string BadJson = "the request body is not valid JSON for this endpoint: {0}";
    public const string BodyRequired = "a JSON body is required";
    public const string MissingField = "'{0}' is required";
    public const string RepoOutsideRoots = "repository '{0}' is not allowed: {1}";
    public const string NotARepository = "'{0}' is not the top of a git repository";
    public const string BadRepoUrl = "repository URL '{0}' is not allowed: only https://, ssh:// and user@host:path URLs are cloned";
    public const string CloneFailed = "cannot clone {0}: {1}";
    public const string BadDecision = "decision must be yes, always or no (got '{0}')";
    public const string NoSuchApproval = "no approval request '{0}' waits in attempt {1} of task '{2}'";
    public const string NoSuchTask = "no task '{0}'";
    public const string BadNumber = "'{0}' is not a number";
    public const string Conflict = "Conflict";
    public const string BadRequest = "Bad Request";
    public const string NotFoundTitle = "Not Found";
    public const string ForbiddenTitle = "Forbidden";
    public const string UnauthorizedTitle = "Unauthorized";
    public const string ServerError = "Internal Server Error";
    public const string ForbiddenCrossOrigin = "Forbidden: the request comes from a page of another origin (only this server's dashboard may use the API from a browser)";
    public const string UnsupportedMediaTypeTitle = "Unsupported Media Type";
    public const string NotJson = "the request body must be JSON (Content-Type: application/json), got '{0}'";
}
