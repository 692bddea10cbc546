using System.Text.Json.Serialization;

namespace Wright.Runtime.Protocol;

/// <summary>
/// An operation sent to a running session — the submission half of the protocol (the events are the other half), for
/// hosts that receive operations as data (an HTTP API, a fleet node): <see cref="RuntimeSession.SubmitAsync"/> applies
/// one. The <c>op</c> discriminator is the wire name (see <see cref="ProtocolJsonContext"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(SubmitPrompt), "submit_prompt")]
[JsonDerivedType(typeof(Interrupt), "interrupt")]
[JsonDerivedType(typeof(ResolveApproval), "resolve_approval")]
[JsonDerivedType(typeof(SetModel), "set_model")]
[JsonDerivedType(typeof(SetMode), "set_mode")]
[JsonDerivedType(typeof(SetEffort), "set_effort")]
[JsonDerivedType(typeof(Compact), "compact")]
[JsonDerivedType(typeof(Rewind), "rewind")]
[JsonDerivedType(typeof(RunShellCommand), "run_shell_command")]
[JsonDerivedType(typeof(AddContext), "add_context")]
public abstract record SessionOperation;
