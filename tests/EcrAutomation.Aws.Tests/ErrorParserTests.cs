using System.Net;
using System.Text;
using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Tests;

public sealed class ErrorParserTests
{
    private static AwsServiceException Parse(HttpStatusCode status, string body, string? header = null, string? requestId = null) =>
        AwsErrorParser.Parse("SVC", "Op", status, header, requestId, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Parse_JsonWithNamespacedType_StripsPrefixAndReadsMessage()
    {
        var ex = Parse(HttpStatusCode.BadRequest, "{\"__type\":\"com.amazonaws.ecr.v20150921#RepositoryAlreadyExistsException\",\"message\":\"exists\"}", requestId: "abc");

        ex.ShouldBeOfType<AwsResourceAlreadyExistsException>();
        ex.ErrorCode.ShouldBe("RepositoryAlreadyExistsException");
        ex.ErrorMessage.ShouldBe("exists");
        ex.RequestId.ShouldBe("abc");
    }

    [Fact]
    public void Parse_JsonWithCapitalMessage_ReadsIt()
    {
        var ex = Parse(HttpStatusCode.BadRequest, "{\"__type\":\"ClientException\",\"Message\":\"Unable to describe task definition.\"}");

        ex.ErrorCode.ShouldBe("ClientException");
        ex.ErrorMessage.ShouldBe("Unable to describe task definition.");
    }

    [Fact]
    public void Parse_QueryErrorResponse_ReadsCodeMessageAndRequestId()
    {
        var ex = Parse(HttpStatusCode.Conflict,
            "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>DeleteConflict</Code><Message>Cannot delete entity, must detach all policies first.</Message></Error><RequestId>rid-1</RequestId></ErrorResponse>");

        ex.ShouldBeOfType<AwsResourceConflictException>();
        ex.ErrorCode.ShouldBe("DeleteConflict");
        ex.ErrorMessage.ShouldBe("Cannot delete entity, must detach all policies first.");
        ex.RequestId.ShouldBe("rid-1");
        ex.HttpStatus.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public void Parse_Ec2Response_ReadsCodeAndRequestID()
    {
        var ex = Parse(HttpStatusCode.BadRequest,
            "<?xml version=\"1.0\"?><Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>The security group 'sg-1' does not exist</Message></Error></Errors><RequestID>ec2-rid</RequestID></Response>");

        ex.ShouldBeOfType<AwsResourceNotFoundException>();
        ex.ErrorCode.ShouldBe("InvalidGroup.NotFound");
        ex.RequestId.ShouldBe("ec2-rid");
    }

    [Fact]
    public void Parse_RestJsonHeader_WinsAndSuffixIsStripped()
    {
        var ex = Parse(HttpStatusCode.NotFound, "{\"message\":\"No cluster found for name: x.\"}", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/");

        ex.ErrorCode.ShouldBe("ResourceNotFoundException");
        ex.ErrorMessage.ShouldBe("No cluster found for name: x.");
    }

    [Fact]
    public void Parse_EmptyBody_UsesStatus()
    {
        var ex = Parse(HttpStatusCode.ServiceUnavailable, "");

        ex.ErrorCode.ShouldBe("Http503");
        ex.IsRetryable.ShouldBeTrue();
    }

    [Theory]
    [InlineData("ThrottlingException", 400, true, true)]
    [InlineData("Throttling", 400, true, true)]
    [InlineData("RequestLimitExceeded", 503, true, true)]
    [InlineData("TooManyRequestsException", 400, true, true)]
    [InlineData("Whatever", 429, true, true)]
    [InlineData("InternalError", 500, false, true)]
    [InlineData("NoSuchEntity", 404, false, false)]
    [InlineData("InvalidParameterException", 400, false, false)]
    public void Classifier_Codes_AreThrottlingOrRetryableAsAwsDefines(string code, int status, bool throttling, bool retryable)
    {
        AwsErrorClassifier.IsThrottling(code, (HttpStatusCode)status).ShouldBe(throttling);
        AwsErrorClassifier.IsRetryable(code, (HttpStatusCode)status).ShouldBe(retryable);
    }
}
