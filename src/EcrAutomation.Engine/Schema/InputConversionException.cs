namespace EcrAutomation.Schema;

/// <summary>
/// A value given for a resource input cannot become what the resource class takes: the wrong kind of value, a property
/// the type does not have, or a value that is unknown during preview where the class needs it known. The message names
/// the property (<see cref="Property"/>) and what was expected.
/// </summary>
public sealed class InputConversionException : Exception
{
    /// <summary>Creates the exception for <paramref name="property"/> with a message saying what is wrong and how to fix it.</summary>
    public InputConversionException(string property, string message) : base(message) => Property = property;

    /// <summary>The path of the input, e.g. <c>imageScanningConfiguration.scanOnPush</c> or <c>rules[0].tagStatus</c>.</summary>
    public string Property { get; }
}
