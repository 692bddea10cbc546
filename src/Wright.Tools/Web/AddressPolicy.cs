using System.Net;
using System.Net.Sockets;

namespace Wright.Tools.Web;

/// <summary>Which IP addresses <c>web_fetch</c> may connect to.</summary>
public static class AddressPolicy
{
    private static readonly IPAddress[] Metadata =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, GCP, Azure, OpenStack
        IPAddress.Parse("169.254.170.2"),   // AWS ECS task metadata
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("fd00:ec2::254"),   // AWS IPv6
    ];

    /// <summary>Returns why the address is refused, or null when it may be used.</summary>
    public static string? Refusal(IPAddress address, bool allowPrivate)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (Metadata.Any(m => m.Equals(address)))
            return "a cloud metadata address";
        if (allowPrivate)
            return null;
        if (IPAddress.IsLoopback(address))
            return "a loopback address";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return "an unspecified address";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168))
                return "a private network address";
            if (b[0] == 169 && b[1] == 254)
                return "a link-local address";
            if (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                return "a carrier-grade NAT address";
            if (b[0] == 0 || b[0] >= 224)
                return "a reserved or multicast address";
            return null;
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast)
            return "a link-local or multicast address";
        var first = address.GetAddressBytes()[0];
        return (first & 0xFE) == 0xFC ? "a private network (ULA) address" : null;
    }
}
