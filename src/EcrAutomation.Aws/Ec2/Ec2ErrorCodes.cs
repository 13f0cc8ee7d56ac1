namespace EcrAutomation.Aws.Ec2;

/// <summary>EC2 error codes.</summary>
public static class Ec2ErrorCodes
{
    public const string InvalidGroupDuplicate = "InvalidGroup.Duplicate";
    public const string InvalidGroupNotFound = "InvalidGroup.NotFound";
    public const string InvalidPermissionDuplicate = "InvalidPermission.Duplicate";
    public const string InvalidPermissionNotFound = "InvalidPermission.NotFound";
    public const string DependencyViolation = "DependencyViolation";
    public const string InvalidVpcIdNotFound = "InvalidVpcID.NotFound";
    public const string InvalidSubnetIdNotFound = "InvalidSubnetID.NotFound";
}
