using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Building;

/// <summary>A layer written to the content store.</summary>
internal sealed record WrittenLayer(Descriptor Descriptor, Digest DiffId, string Path, int EntryCount, long UncompressedSize);
