using System.Reflection;

namespace EcrAutomation.Schema;

/// <summary>One property of an args class, output type or resource class, with Pulumi's name and how to read or set it.</summary>
internal sealed record ObjectMember(string Name, Type ClrType, bool Required, bool Secret, MemberInfo Member)
{
    public object? GetValue(object target) => Member is PropertyInfo p ? p.GetValue(target) : ((FieldInfo)Member).GetValue(target);

    public void SetValue(object target, object? value)
    {
        if (Member is PropertyInfo p) p.SetValue(target, value);
        else ((FieldInfo)Member).SetValue(target, value);
    }
}
