// Prints the code and type-data bytes of a NativeAOT .mstat file by assembly (and, with --namespaces, by namespace):
// the mstat is a metadata-only assembly whose global methods "Types" and "Methods" list ldtoken/ldc.i4 records.
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: SizeReport file.mstat [--namespaces] [--types] [--top N]");
    return 2;
}

var byNamespace = args.Contains("--namespaces");
// --types: only type data (method tables, most of what NativeAOT rehydrates at start-up), no code.
var typesOnly = args.Contains("--types");
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
    Add(OfType(t), size);
}

var methods = pe.GetMethodBody(Global("Methods").RelativeVirtualAddress).GetILReader();
while (methods.RemainingBytes > 0 && !typesOnly)
{
    var m = Token(ref methods);
    var size = I4(ref methods) + I4(ref methods) + I4(ref methods);
    if (major >= 2)
        I4(ref methods);
    Add(OfMethod(m), size);
}

Console.WriteLine($"{"assembly" + (byNamespace ? " :: namespace" : ""),-70} {"KB",8} {"share",7}");
foreach (var (key, size) in sizes.OrderByDescending(p => p.Value).Take(top))
    Console.WriteLine($"{key,-70} {size / 1024.0,8:F0} {100.0 * size / total,6:F1}%");
Console.WriteLine($"{(typesOnly ? "total type data" : "total code + type data (the rest of the binary is metadata, frozen data, the runtime)"),-70} {total / 1024.0,8:F0}");
return 0;
