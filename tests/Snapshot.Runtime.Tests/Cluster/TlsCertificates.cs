using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// Two self-signed certificates with their keys in password-protected PKCS#12 files, made for one test class:
/// the cluster's, which this user's root store trusts until <see cref="Dispose"/>, and an outsider's that nothing
/// trusts. hocon/tls.conf only accepts peers whose certificate chains to a trusted root, and Akka.NET 1.5.74's
/// HOCON cannot name a root of its own, so the cluster's certificate goes into the store .NET reads on Linux
/// (~/.dotnet/corefx/cryptography/x509stores/root) for as long as the tests need it.
/// </summary>
public sealed class TlsCertificates : IDisposable
{
    public const string Password = "tls-spec";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("snapshot-tls-");
    private readonly X509Certificate2 _trusted;

    public TlsCertificates()
    {
        using var cluster = CreateSelfSigned("snapshot-cluster");
        using var outsider = CreateSelfSigned("snapshot-outsider");
        ClusterPath = Export(cluster, "cluster.pfx");
        OutsiderPath = Export(outsider, "outsider.pfx");
        _trusted = X509CertificateLoader.LoadCertificate(cluster.RawData);
        using var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        roots.Open(OpenFlags.ReadWrite);
        roots.Add(_trusted);
    }

    /// <summary>The PKCS#12 file of the certificate every node of the cluster presents.</summary>
    public string ClusterPath { get; }

    /// <summary>The PKCS#12 file of a certificate that no node trusts.</summary>
    public string OutsiderPath { get; }

    public void Dispose()
    {
        using (var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            roots.Open(OpenFlags.ReadWrite);
            roots.Remove(_trusted);
        }
        _trusted.Dispose();
        _directory.Delete(recursive: true);
    }

    private static X509Certificate2 CreateSelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private string Export(X509Certificate2 certificate, string fileName)
    {
        var path = Path.Combine(_directory.FullName, fileName);
        File.WriteAllBytes(path, certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, Password));
        return path;
    }
}
