using JinanOnboard.Protocol.Signing;
using NSec.Cryptography;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>
/// The Ed25519 identities of a deployment: <c>payload.key</c>/<c>payload.pub</c> and
/// <c>ground.key</c>/<c>ground.pub</c> (PEM) in one directory. Each side loads its own private key
/// and only the peer's public key.
/// </summary>
public static class KeyDirectory
{
    /// <summary>Creates both identities in <paramref name="directory"/>; refuses to overwrite unless <paramref name="force"/>.</summary>
    public static IReadOnlyList<string> Create(string directory, bool force)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (string role in new[] { "payload", "ground" })
        {
            string keyPath = Path.Combine(directory, role + ".key");
            string pubPath = Path.Combine(directory, role + ".pub");
            if (!force && (File.Exists(keyPath) || File.Exists(pubPath)))
            {
                throw new KeyFileException($"{keyPath}: already exists (use --force to replace it)");
            }

            using Identity identity = Identity.Generate();
            WritePrivate(keyPath, identity.ExportPrivateKeyPem());
            File.WriteAllText(pubPath, identity.ExportPublicKeyPem());
            written.Add(keyPath);
            written.Add(pubPath);
        }

        return written;
    }

    /// <summary>True when all four files are present.</summary>
    public static bool IsComplete(string directory) =>
        new[] { "payload.key", "payload.pub", "ground.key", "ground.pub" }.All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>Loads this side's identity and the peer's public key.</summary>
    public static (Identity Own, PublicKey Peer) Load(string directory, FirmwareRole role)
    {
        string own = role == FirmwareRole.Payload ? "payload" : "ground";
        string peer = role == FirmwareRole.Payload ? "ground" : "payload";
        Identity identity = Identity.Load(Path.Combine(directory, own + ".key"));
        try
        {
            return (identity, Identity.LoadPublicKey(Path.Combine(directory, peer + ".pub")));
        }
        catch
        {
            identity.Dispose();
            throw;
        }
    }

    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(pem);
    }
}
