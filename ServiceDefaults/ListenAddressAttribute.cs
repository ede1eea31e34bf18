using System.ComponentModel.DataAnnotations;

namespace OrleansFib.Hosting;

/// <summary>An address Kestrel can listen on: <c>*</c> (every interface, IPv4 and IPv6) or an IP address.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListenAddressAttribute : ValidationAttribute
{
    public ListenAddressAttribute()
        : base("{0} must be * or an IP address.")
    {
    }

    public override bool IsValid(object? value) => value is string address && KestrelListening.IsValidAddress(address);
}
