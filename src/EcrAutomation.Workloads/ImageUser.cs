using System.Globalization;

namespace EcrAutomation.Workloads;

/// <summary>
/// The user a container runs as, resolved the way Docker does: <c>uid</c>, <c>uid:gid</c>, <c>name</c> or <c>name:group</c>,
/// names looked up in the image's <c>/etc/passwd</c> and <c>/etc/group</c>; the primary group and home come from the
/// passwd entry when there is one, and the supplementary groups from <c>/etc/group</c> memberships.
/// </summary>
internal sealed record ImageUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids, string Home)
{
    public static ImageUser Root { get; } = new(0, 0, [], "/root");

    /// <summary>Resolves <paramref name="user"/> against the image root filesystem at <paramref name="rootfs"/>.</summary>
    /// <exception cref="ContainerStartException">A name is not in the image's passwd or group file.</exception>
    public static ImageUser Resolve(string? user, string rootfs)
    {
        if (string.IsNullOrEmpty(user))
        {
            user = "0";
        }

        var passwd = ReadEntries(Path.Combine(rootfs, "etc", "passwd"));
        var groups = ReadEntries(Path.Combine(rootfs, "etc", "group"));
        var colon = user.IndexOf(':', StringComparison.Ordinal);
        var userPart = colon < 0 ? user : user[..colon];
        var groupPart = colon < 0 ? null : user[(colon + 1)..];

        // passwd: name:password:uid:gid:gecos:home:shell
        string[]? entry;
        uint uid;
        if (uint.TryParse(userPart, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
        {
            entry = passwd.FirstOrDefault(e => e.Length > 2 && e[2] == userPart);
        }
        else
        {
            entry = passwd.FirstOrDefault(e => e[0] == userPart && e.Length > 3)
                ?? throw new ContainerStartException("CannotStartContainerError", $"unable to find user {userPart}: no matching entries in passwd file of the image; use a numeric uid or add the user to the image's /etc/passwd");
            uid = ParseId(entry[2], "uid", userPart);
        }

        var gid = entry is { Length: > 3 } ? ParseId(entry[3], "gid", userPart) : 0;
        if (groupPart is not null)
        {
            if (!uint.TryParse(groupPart, NumberStyles.None, CultureInfo.InvariantCulture, out gid))
            {
                var group = groups.FirstOrDefault(g => g[0] == groupPart && g.Length > 2)
                    ?? throw new ContainerStartException("CannotStartContainerError", $"unable to find group {groupPart}: no matching entries in group file of the image; use a numeric gid or add the group to the image's /etc/group");
                gid = ParseId(group[2], "gid", groupPart);
            }
        }

        var name = entry?[0];
        var additional = name is null
            ? []
            : groups.Where(g => g.Length > 3 && g[3].Split(',').Contains(name, StringComparer.Ordinal))
                .Select(g => ParseId(g[2], "gid", g[0]))
                .Where(g => g != gid)
                .Distinct()
                .ToList();
        var home = entry is { Length: > 5 } && entry[5].Length > 0 ? entry[5] : "/";
        return new ImageUser(uid, gid, additional, home);
    }

    private static uint ParseId(string text, string what, string owner)
        => uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ContainerStartException("CannotStartContainerError", $"the image's entry for {owner} has an invalid {what} '{text}'");

    private static List<string[]> ReadEntries(string path)
    {
        // The file is read through the host's view of the root filesystem; a symlink pointing outside it is not followed.
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null)
        {
            return [];
        }

        return File.ReadLines(path)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(':'))
            .ToList();
    }
}
