// Prints the code and type-data bytes of a NativeAOT .mstat file by assembly (and, with --namespaces, by namespace):
// the mstat is a metadata-only assembly whose global methods "Types" and "Methods" list ldtoken/ldc.i4 records.
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: SizeReport file.mstat [--namespaces] [--types] [--by-argument] [--top N]");
    return 2;
}

var byNamespace = args.Contains("--namespaces");
// --types: only type data (method tables, most of what NativeAOT rehydrates at start-up), no code.
var typesOnly = args.Contains("--types");
// --by-argument: a generic instantiation is charged to the type it was instantiated over (its first type argument
// from outside the runtime libraries, by full name), so JsonTypeInfo<Foo> or List<Foo> count for Foo: which of the
// program's own types cost the most code and type data.
var byArgument = args.Contains("--by-argument");
string[] runtimeLibraries = ["System.Private.CoreLib", "System.Text.Json", "System.Linq", "System.Runtime", "System.Collections", "System.Collections.Concurrent", "System.Collections.Immutable", "System.Threading.Channels", "System.Memory"];
var top = args.SkipWhile(a => a != "--top").Skip(1).Select(int.Parse).FirstOrDefault(40);
using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var md = pe.GetMetadataReader();
var major = md.GetAssemblyDefinition().Version.Major;
var sizes = new Dictionary<string, long>();
long total = 0;

MethodDefinition Global(string name)
{
    var global = md.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1));
    foreach (var h in global.GetMethods())
    {
        var m = md.GetMethodDefinition(h);
        if (md.StringComparer.Equals(m.Name, name))
            return m;
    }

    throw new InvalidOperationException("no " + name);
}

int I4(ref BlobReader r)
{
    var op = (ILOpCode)r.ReadByte();
    return op switch
    {
        ILOpCode.Ldc_i4 => r.ReadInt32(),
        ILOpCode.Ldc_i4_s => r.ReadSByte(),
        ILOpCode.Ldc_i4_m1 => -1,
        >= ILOpCode.Ldc_i4_0 and <= ILOpCode.Ldc_i4_8 => op - ILOpCode.Ldc_i4_0,
        _ => throw new InvalidOperationException("unexpected " + op),
    };
}

EntityHandle Token(ref BlobReader r)
{
    var op = (ILOpCode)r.ReadByte();
    if (op != ILOpCode.Ldtoken)
        throw new InvalidOperationException("unexpected " + op);
    return MetadataTokens.EntityHandle(r.ReadInt32());
}

string OfTypeRef(TypeReferenceHandle h)
{
    var t = md.GetTypeReference(h);
    var ns = md.GetString(t.Namespace);
    switch (t.ResolutionScope.Kind)
    {
        case HandleKind.TypeReference:
            return OfTypeRef((TypeReferenceHandle)t.ResolutionScope);
        case HandleKind.AssemblyReference:
            var asm = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)t.ResolutionScope).Name);
            return byNamespace ? asm + " :: " + ns : asm;
        default:
            return "?";
    }
}

string OfSignature(BlobReader r)
{
    while (true)
    {
        var code = r.ReadSignatureTypeCode();
        switch (code)
        {
            case SignatureTypeCode.GenericTypeInstance:
            case SignatureTypeCode.SZArray:
            case SignatureTypeCode.Pointer:
            case SignatureTypeCode.ByReference:
                continue;
            case SignatureTypeCode.Array:
                continue;
            case SignatureTypeCode.TypeHandle:
                var h = r.ReadTypeHandle();
                return h.Kind == HandleKind.TypeReference ? OfTypeRef((TypeReferenceHandle)h) : "?";
            default:
                return byNamespace ? "System.Private.CoreLib :: System" : "System.Private.CoreLib";
        }
    }
}

string OfType(EntityHandle h) => h.Kind switch
{
    HandleKind.TypeReference => OfTypeRef((TypeReferenceHandle)h),
    HandleKind.TypeSpecification => OfSignature(md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)h).Signature)),
    _ => "?",
};

string OfMethod(EntityHandle h) => h.Kind switch
{
    HandleKind.MemberReference => OfType(md.GetMemberReference((MemberReferenceHandle)h).Parent),
    HandleKind.MethodSpecification => OfMethod(md.GetMethodSpecification((MethodSpecificationHandle)h).Method),
    _ => "?",
};

string NameOfTypeRef(TypeReferenceHandle h)
{
    var t = md.GetTypeReference(h);
    var name = md.GetString(t.Name);
    return t.ResolutionScope.Kind == HandleKind.TypeReference
        ? NameOfTypeRef((TypeReferenceHandle)t.ResolutionScope) + "+" + name
        : md.GetString(t.Namespace) + "." + name;
}

string AssemblyOfTypeRef(TypeReferenceHandle h)
{
    var t = md.GetTypeReference(h);
    return t.ResolutionScope.Kind switch
    {
        HandleKind.TypeReference => AssemblyOfTypeRef((TypeReferenceHandle)t.ResolutionScope),
        HandleKind.AssemblyReference => md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)t.ResolutionScope).Name),
        _ => "?",
    };
}

// Every type named in a signature, in order (the generic definition first, then its arguments).
void TypesIn(ref BlobReader r, List<TypeReferenceHandle> found)
{
    var code = r.ReadSignatureTypeCode();
    switch (code)
    {
        case SignatureTypeCode.GenericTypeInstance:
            TypesIn(ref r, found);
            var count = r.ReadCompressedInteger();
            for (var i = 0; i < count; i++)
                TypesIn(ref r, found);
            break;
        case SignatureTypeCode.SZArray:
        case SignatureTypeCode.Pointer:
        case SignatureTypeCode.ByReference:
            TypesIn(ref r, found);
            break;
        case SignatureTypeCode.Array:
            TypesIn(ref r, found);
            r.ReadCompressedInteger();
            var sizes = r.ReadCompressedInteger();
            for (var i = 0; i < sizes; i++)
                r.ReadCompressedInteger();
            var bounds = r.ReadCompressedInteger();
            for (var i = 0; i < bounds; i++)
                r.ReadCompressedSignedInteger();
            break;
        case SignatureTypeCode.TypeHandle:
            var h = r.ReadTypeHandle();
            if (h.Kind == HandleKind.TypeReference)
                found.Add((TypeReferenceHandle)h);
            break;
        case SignatureTypeCode.GenericTypeParameter:
        case SignatureTypeCode.GenericMethodParameter:
            r.ReadCompressedInteger();
            break;
    }
}

string? ArgumentOf(List<TypeReferenceHandle> found, int from)
{
    for (var i = from; i < found.Count; i++)
    {
        var asm = AssemblyOfTypeRef(found[i]);
        if (!runtimeLibraries.Contains(asm))
            return asm + " :: " + NameOfTypeRef(found[i]);
    }

    return null;
}

string ArgumentOfType(EntityHandle h, List<TypeReferenceHandle> found)
{
    if (h.Kind == HandleKind.TypeSpecification)
    {
        var r = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)h).Signature);
        TypesIn(ref r, found);
        return ArgumentOf(found, 1) ?? OfType(h);
    }

    return OfType(h);
}

string ArgumentOfMethod(EntityHandle h)
{
    var found = new List<TypeReferenceHandle>();
    switch (h.Kind)
    {
        case HandleKind.MethodSpecification:
            var spec = md.GetMethodSpecification((MethodSpecificationHandle)h);
            var r = md.GetBlobReader(spec.Signature);
            r.ReadSignatureHeader();
            var count = r.ReadCompressedInteger();
            for (var i = 0; i < count; i++)
                TypesIn(ref r, found);
            var own = ArgumentOf(found, 0);
            return own ?? ArgumentOfMethod(spec.Method);
        case HandleKind.MemberReference:
            return ArgumentOfType(md.GetMemberReference((MemberReferenceHandle)h).Parent, found);
        default:
            return "?";
    }
}

// --detail NAME (with --by-argument): for the instantiations charged to types whose name contains NAME, which generic
// types and methods they are.
var detail = args.SkipWhile(a => a != "--detail").Skip(1).FirstOrDefault();
// --by-definition: instantiations by their generic definition (AsyncStateMachineBox`2, JsonPropertyInfo`1, …).
var byDefinition = args.Contains("--by-definition");

string DefinitionOf(EntityHandle h)
{
    switch (h.Kind)
    {
        case HandleKind.TypeSpecification:
            var found = new List<TypeReferenceHandle>();
            var r = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)h).Signature);
            TypesIn(ref r, found);
            return found.Count > 0 ? NameOfTypeRef(found[0]) : "?";
        case HandleKind.TypeReference:
            return NameOfTypeRef((TypeReferenceHandle)h);
        case HandleKind.MethodSpecification:
            return DefinitionOf(md.GetMethodSpecification((MethodSpecificationHandle)h).Method) + "<>";
        case HandleKind.MemberReference:
            var member = md.GetMemberReference((MemberReferenceHandle)h);
            return DefinitionOf(member.Parent) + "." + md.GetString(member.Name);
        default:
            return "?";
    }
}

void Add(string key, long size)
{
    sizes[key] = sizes.GetValueOrDefault(key) + size;
    total += size;
}

var types = pe.GetMethodBody(Global("Types").RelativeVirtualAddress).GetILReader();
while (types.RemainingBytes > 0)
{
    var t = Token(ref types);
    var size = I4(ref types);
    if (major >= 2)
        I4(ref types);
    var typeKey = byArgument ? ArgumentOfType(t, []) : OfType(t);
    Add(byDefinition ? "type " + DefinitionOf(t) : detail is not null ? typeKey.Contains(detail) ? "type " + DefinitionOf(t) : "other" : typeKey, size);
}

var methods = pe.GetMethodBody(Global("Methods").RelativeVirtualAddress).GetILReader();
while (methods.RemainingBytes > 0 && !typesOnly)
{
    var m = Token(ref methods);
    var size = I4(ref methods) + I4(ref methods) + I4(ref methods);
    if (major >= 2)
        I4(ref methods);
    var methodKey = byArgument ? ArgumentOfMethod(m) : OfMethod(m);
    Add(byDefinition ? DefinitionOf(m) : detail is not null ? methodKey.Contains(detail) ? DefinitionOf(m) : "other" : methodKey, size);
}

// --blobs: the data nodes (frozen strings and objects, resources, tables) by name, biggest first.
if (args.Contains("--blobs"))
{
    var blobs = pe.GetMethodBody(Global("Blobs").RelativeVirtualAddress).GetILReader();
    var found = new List<(string Name, int Size)>();
    while (blobs.RemainingBytes > 0)
    {
        if ((ILOpCode)blobs.ReadByte() != ILOpCode.Ldstr)
            throw new InvalidOperationException("unexpected blob record");
        var name = md.GetUserString(MetadataTokens.UserStringHandle(blobs.ReadInt32() & 0xFFFFFF));
        found.Add((name, I4(ref blobs)));
    }

    foreach (var (name, size) in found.OrderByDescending(b => b.Size).Take(top))
        Console.WriteLine($"{(name.Length > 70 ? name[..70] : name),-70} {size / 1024.0,8:F0}");
    Console.WriteLine($"{"total blobs",-70} {found.Sum(b => (long)b.Size) / 1024.0,8:F0}");
    return 0;
}

Console.WriteLine($"{"assembly" + (byNamespace ? " :: namespace" : ""),-70} {"KB",8} {"share",7}");
foreach (var (key, size) in sizes.OrderByDescending(p => p.Value).Take(top))
    Console.WriteLine($"{key,-70} {size / 1024.0,8:F0} {100.0 * size / total,6:F1}%");
Console.WriteLine($"{(typesOnly ? "total type data" : "total code + type data (the rest of the binary is metadata, frozen data, the runtime)"),-70} {total / 1024.0,8:F0}");
return 0;
