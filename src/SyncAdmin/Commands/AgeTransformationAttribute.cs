using System.Management.Automation;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Lets -OlderThan take a number of days (-OlderThan 7) as well as a time span ('7.00:00:00', New-TimeSpan).</summary>
public sealed class AgeTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return AgeArgument.From(value) ?? inputData;
    }
}
