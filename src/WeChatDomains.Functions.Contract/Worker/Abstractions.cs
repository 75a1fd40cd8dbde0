// COMPILE-ONLY CONTRACT (never deployed): mirrors Microsoft.Azure.Functions.Worker.Extensions.Abstractions.
namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Mirror of the worker's base class of every binding attribute.</summary>
public abstract class BindingAttribute : Attribute
{
}

/// <summary>Mirror of the worker's base class of trigger attributes.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public abstract class TriggerBindingAttribute : BindingAttribute
{
}
