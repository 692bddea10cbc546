using Wright.Core.Localization;

namespace Wright.Node.Text;

/// <summary>Every user-facing string of the fleet node (for translation).</summary>
internal static class NodeStrings
{
    public static string ErrorPrefix => UiLanguage.Pick("wright: error: ", "wright: 错误：");
    public static string Joined => UiLanguage.Pick("node {0} joined the fleet (silo {1}); API and dashboard at {2}?token={3}", "节点 {0} 已加入集群（silo {1}）；API 和仪表板位于 {2}?token={3}");
    public static string Draining => UiLanguage.Pick("node {0} is draining: it takes no new work and leaves once its attempts finish", "节点 {0} 正在排空：不再接受新工作，其尝试完成后即离开");
    public static string Leaving => UiLanguage.Pick("node {0} leaves the fleet", "节点 {0} 离开集群");
    public static string HandingOver => UiLanguage.Pick("node {0} stops with {1} attempt(s) still running: the fleet gives them to other nodes", "节点 {0} 停止时仍有 {1} 个尝试在运行：集群会把它们交给其他节点");
    public static string MovedToAnotherNode => UiLanguage.Pick("its node died: queued again for another node", "所在节点已失效：已重新排队，等待其他节点");
    public static string NoSuchNode => UiLanguage.Pick("no node '{0}' in the fleet", "集群中没有节点“{0}”");
    public static string NoCluster => UiLanguage.Pick("--cluster needs a PostgreSQL connection string (or WRIGHT_CLUSTER, or fleet.cluster in $WRIGHT_HOME/config.json)", "--cluster 需要 PostgreSQL 连接字符串（或 WRIGHT_CLUSTER，或 $WRIGHT_HOME/config.json 中的 fleet.cluster）");
    public static string NoSecret => UiLanguage.Pick("a fleet node needs the cluster secret, the nodes' credential for each other: --cluster-secret, WRIGHT_CLUSTER_SECRET or fleet.cluster_secret in $WRIGHT_HOME/config.json (the same on every node)", "集群节点需要集群密钥，这是节点之间互相认证的凭据：--cluster-secret、WRIGHT_CLUSTER_SECRET 或 $WRIGHT_HOME/config.json 中的 fleet.cluster_secret（每个节点相同）");
    public static string ShortSecret => UiLanguage.Pick("the cluster secret must be at least {0} characters long (it is the only thing that keeps strangers out of the silo ports)", "集群密钥至少要有 {0} 个字符（只有它能把外人挡在 silo 端口之外）");
    public static string ClusterIdOption => UiLanguage.Pick("The Orleans cluster id (default: derived from the cluster secret)", "Orleans 集群 ID（默认由集群密钥派生）");
    public static string BadCluster => UiLanguage.Pick("cannot reach the fleet's database: {0}", "无法连接集群的数据库：{0}");
    public static string BadParallel => UiLanguage.Pick("--max-parallel must be at least 1 (got {0})", "--max-parallel 至少为 1（收到 {0}）");
    public static string NeedsExpose => UiLanguage.Pick("--host {0} is not a loopback address: add --expose to serve other machines", "--host {0} 不是回环地址：如要为其他机器提供服务，请加上 --expose");
    public static string NoRoots => UiLanguage.Pick("{0} is not a place to take repositories from: pass --repo-root DIR", "{0} 不适合作为仓库的来源：请传入 --repo-root DIR");
    public static string ServeDescription => UiLanguage.Pick("Run a node of a Wright fleet: Orleans on PostgreSQL, one shared queue (wright serve --cluster)", "运行 Wright 集群的一个节点：基于 PostgreSQL 的 Orleans，共享一个队列（wright serve --cluster）");
    public static string ClusterOption => UiLanguage.Pick("The fleet's PostgreSQL connection string (or WRIGHT_CLUSTER)", "集群的 PostgreSQL 连接字符串（或 WRIGHT_CLUSTER）");
    public static string NameOption => UiLanguage.Pick("This node's name in `wright fleet status`", "此节点在 `wright fleet status` 中的名称");
    public static string SiloPortOption => UiLanguage.Pick("The port nodes talk to each other on (Orleans silo port)", "节点之间通信的端口（Orleans silo 端口）");
    public static string ProbeOption => UiLanguage.Pick("Failure detection: seconds before a probe counts as missed", "故障检测：探测超过多少秒未响应算作丢失");
    public static string MissedOption => UiLanguage.Pick("Failure detection: missed probes before a node is suspected", "故障检测：丢失多少次探测后怀疑节点失效");
    public static string DrainTimeoutOption => UiLanguage.Pick("Seconds a stopping node lets its attempts finish before the fleet takes them over", "停止中的节点等待其尝试完成的秒数，超时后由集群接管");
    public static string SecretOption => UiLanguage.Pick("The cluster secret (or WRIGHT_CLUSTER_SECRET): nodes of one fleet must share it", "集群密钥（或 WRIGHT_CLUSTER_SECRET）：同一集群的节点必须共用");
    public static string FleetDescription => UiLanguage.Pick("Look after a Wright fleet", "管理 Wright 集群");
    public static string StatusDescription => UiLanguage.Pick("The fleet's nodes: state, capacity, load and the attempts they run", "集群的节点：状态、容量、负载及正在运行的尝试");
    public static string DrainDescription => UiLanguage.Pick("Let NODE finish its attempts, take no new work, then leave", "让 NODE 完成其尝试、不再接受新工作，然后离开");
    public static string UrlOption => UiLanguage.Pick("Any node's API URL (default http://127.0.0.1:8420, or WRIGHT_SERVER_URL)", "任一节点的 API URL（默认 http://127.0.0.1:8420，或 WRIGHT_SERVER_URL）");
    public static string NoToken => UiLanguage.Pick("no API token: set WRIGHT_SERVER_TOKEN or keep $WRIGHT_HOME/server-token", "没有 API 令牌：请设置 WRIGHT_SERVER_TOKEN，或保留 $WRIGHT_HOME/server-token");
    public static string RequestFailed => UiLanguage.Pick("{0} answered {1}: {2}", "{0} 返回 {1}：{2}");
    public static string Unreachable => UiLanguage.Pick("cannot reach {0}: {1}", "无法连接 {0}：{1}");
    public static string DrainAsked => UiLanguage.Pick("node {0} drains: it finishes its attempts, then leaves", "节点 {0} 开始排空：完成其尝试后离开");
}
