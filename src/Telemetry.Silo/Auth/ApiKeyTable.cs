using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Silo.Auth;

/// <summary>The configured API keys, looked up by the key a caller presents.</summary>
public sealed class ApiKeyTable(IReadOnlyList<ApiKey> keys)
{
    /// <summary>True when no key is configured: the API is open.</summary>
    public bool IsOpen => keys.Count == 0;

    public int Count => keys.Count;

    /// <summary>
    /// The key whose hash is the SHA-256 of <paramref name="presented"/>, or null. Every configured hash is compared,
    /// each in constant time, so the answer's timing says nothing about which key came close.
    /// </summary>
    public ApiKey? Find(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        ApiKey? found = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256))
            {
                found = key;
            }
        }

        return found;
    }
}
