using NSec.Cryptography;

namespace JinanOnboard.Protocol.Signing;

/// <summary>
/// An Ed25519 signing identity (the private key of one side) with its public key.
/// Keys are stored as PKCS#8 / SubjectPublicKeyInfo PEM text, readable by OpenSSL.
/// </summary>
public sealed class Identity : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private Identity(Key key) => Key = key;

    internal Key Key { get; }

    public PublicKey PublicKey => Key.PublicKey;

    /// <summary>Signs <paramref name="data"/> (pure Ed25519, RFC 8032) into a 64-byte <paramref name="signature"/>.</summary>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => SignatureAlgorithm.Ed25519.Sign(Key, data, signature);

    /// <summary>A fresh identity from the operating system's random source.</summary>
    public static Identity Generate()
        => new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>A reproducible identity from a 32-byte seed (benches derive keys from the run seed).</summary>
    public static Identity FromSeed(ReadOnlySpan<byte> seed32)
    {
        if (seed32.Length != 32)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed32));
        }

        return new(Key.Import(Algorithm, seed32, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>Private key as PKCS#8 PEM text.</summary>
    public string ExportPrivateKeyPem() => System.Text.Encoding.ASCII.GetString(Key.Export(KeyBlobFormat.PkixPrivateKeyText));

    /// <summary>Public key as SubjectPublicKeyInfo PEM text.</summary>
    public string ExportPublicKeyPem() => ExportPublicKeyPem(PublicKey);

    public static string ExportPublicKeyPem(PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return System.Text.Encoding.ASCII.GetString(publicKey.Export(KeyBlobFormat.PkixPublicKeyText));
    }

    /// <summary>Loads a private key file; <see cref="KeyFileException"/> names the file on any problem.</summary>
    public static Identity Load(string path)
    {
        byte[] blob = ReadKeyFile(path, "private key");
        if (!Key.TryImport(Algorithm, blob, KeyBlobFormat.PkixPrivateKeyText, out Key? key, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }) || key is null)
        {
            throw new KeyFileException($"{path}: not an Ed25519 private key in PKCS#8 PEM form (create one with 'jinan keys init').");
        }

        return new Identity(key);
    }

    /// <summary>Loads a peer's public key file; <see cref="KeyFileException"/> names the file on any problem.</summary>
    public static PublicKey LoadPublicKey(string path)
    {
        byte[] blob = ReadKeyFile(path, "public key");
        if (!PublicKey.TryImport(Algorithm, blob, KeyBlobFormat.PkixPublicKeyText, out PublicKey? key) || key is null)
        {
            throw new KeyFileException($"{path}: not an Ed25519 public key in PEM form (create one with 'jinan keys init').");
        }

        return key;
    }

    /// <summary>Parses a public key from PEM text.</summary>
    public static PublicKey ParsePublicKeyPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PublicKey.TryImport(Algorithm, System.Text.Encoding.ASCII.GetBytes(pem), KeyBlobFormat.PkixPublicKeyText, out PublicKey? key) || key is null)
        {
            throw new KeyFileException("Not an Ed25519 public key in PEM form.");
        }

        return key;
    }

    public void Dispose() => Key.Dispose();

    private static byte[] ReadKeyFile(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"{path}: cannot read {what}: {e.Message}");
        }
    }
}

/// <summary>A key file is missing, unreadable or not a key of the expected kind.</summary>
public sealed class KeyFileException(string message) : Exception(message);
