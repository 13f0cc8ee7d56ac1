namespace EcrAutomation.Aws.Ec2;

/// <summary>EC2 error codes that callers act on; compare with <see cref="AwsServiceException.ErrorCode"/>.</summary>
public static class Ec2ErrorCodes
{
    /// <summary>A security group with that name exists in the VPC already.</summary>
    public const string InvalidGroupDuplicate = "InvalidGroup.Duplicate";
    /// <summary>The security group does not exist (deleted, or not yet visible).</summary>
    public const string InvalidGroupNotFound = "InvalidGroup.NotFound";
    /// <summary>The rule being authorized is on the group already.</summary>
    public const string InvalidPermissionDuplicate = "InvalidPermission.Duplicate";
    /// <summary>The rule being revoked is not on the group.</summary>
    public const string InvalidPermissionNotFound = "InvalidPermission.NotFound";
    /// <summary>The group is still in use (by a network interface or another group's rule), so it cannot be deleted yet.</summary>
    public const string DependencyViolation = "DependencyViolation";
    /// <summary>The VPC does not exist.</summary>
    public const string InvalidVpcIdNotFound = "InvalidVpcID.NotFound";
    /// <summary>The subnet does not exist.</summary>
    public const string InvalidSubnetIdNotFound = "InvalidSubnetID.NotFound";
}
