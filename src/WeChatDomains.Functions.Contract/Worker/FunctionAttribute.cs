// COMPILE-ONLY CONTRACT (never deployed): mirrors Microsoft.Azure.Functions.Worker.Core.
namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirror of <c>FunctionAttribute</c>: marks a method as a function with the given name.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FunctionAttribute : Attribute
{
    /// <summary>Mirror of <c>FunctionAttribute(string name)</c>.</summary>
    public FunctionAttribute(string name) => Name = name;

    /// <summary>The function name.</summary>
    public string Name { get; }
}
