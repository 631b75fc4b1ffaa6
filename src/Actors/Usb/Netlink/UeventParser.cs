using System.Text;

namespace ProcessManager.Actors.Usb.Netlink;

/// <summary>
/// Parses the payload of a NETLINK_KOBJECT_UEVENT message of the kernel group: "ACTION@DEVPATH\0KEY=VALUE\0...".
/// Defensive: anything it does not recognise is refused with a reason, never thrown; the header must agree with the
/// ACTION and DEVPATH properties, so that a message cut short or stitched together is noticed.
/// </summary>
public static class UeventParser
{
    /// <summary>The kernel's own bound on one uevent's environment (UEVENT_BUFFER_SIZE).</summary>
    public const int MaxPayload = 2048;

    private const int MaxProperties = 64;

    /// <summary>Reads one payload; false with <paramref name="error"/> when it is not a whole kernel uevent.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out Uevent? uevent, out string error)
    {
        uevent = null;
        if (payload.IsEmpty)
        {
            error = "empty message";
            return false;
        }

        if (payload.Length > MaxPayload + 512)
        {
            error = $"{payload.Length} bytes, more than a kernel uevent can hold";
            return false;
        }

        // udevd re-broadcasts on group 2 with a binary "libudev" header; only the kernel's own format is read here.
        if (payload.StartsWith("libudev"u8))
        {
            error = "a udevd message (libudev header), not a kernel uevent";
            return false;
        }

        var headerEnd = payload.IndexOf((byte)0);
        if (headerEnd < 0)
        {
            error = "no NUL after the ACTION@DEVPATH header (truncated)";
            return false;
        }

        var header = payload[..headerEnd];
        var at = header.IndexOf((byte)'@');
        if (at <= 0 || at == header.Length - 1 || header[at + 1] != (byte)'/')
        {
            error = "the header is not ACTION@/DEVPATH";
            return false;
        }

        if (!TryDecode(header[..at], out var action) || !TryDecode(header[(at + 1)..], out var devPath))
        {
            error = "the header is not printable text";
            return false;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = payload[(headerEnd + 1)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                error = "the last property has no terminating NUL (truncated)";
                return false;
            }

            var field = rest[..end];
            rest = rest[(end + 1)..];
            if (field.IsEmpty)
            {
                continue;
            }

            var equals = field.IndexOf((byte)'=');
            if (equals <= 0 || !TryDecode(field[..equals], out var key) || !TryDecode(field[(equals + 1)..], out var value))
            {
                error = "a property is not KEY=VALUE text";
                return false;
            }

            if (properties.Count >= MaxProperties)
            {
                error = $"more than {MaxProperties} properties";
                return false;
            }

            properties[key] = value;
        }

        if (!properties.TryGetValue("ACTION", out var actionProperty) || actionProperty != action
            || !properties.TryGetValue("DEVPATH", out var devPathProperty) || devPathProperty != devPath)
        {
            error = "ACTION and DEVPATH properties missing or different from the header (truncated?)";
            return false;
        }

        if (!properties.ContainsKey("SEQNUM"))
        {
            error = "no SEQNUM property (truncated?)";
            return false;
        }

        uevent = new Uevent(action, devPath, properties);
        error = "";
        return true;
    }

    /// <summary>Builds the payload the kernel would send, for tests and benchmarks that replay recorded events.</summary>
    public static byte[] Format(string action, string devPath, IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var text = new StringBuilder().Append(action).Append('@').Append(devPath).Append('\0');
        text.Append("ACTION=").Append(action).Append('\0').Append("DEVPATH=").Append(devPath).Append('\0');
        foreach (var (key, value) in properties)
        {
            if (key is not ("ACTION" or "DEVPATH"))
            {
                text.Append(key).Append('=').Append(value).Append('\0');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
