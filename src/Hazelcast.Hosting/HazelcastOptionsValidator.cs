using Microsoft.Extensions.Options;

namespace Hazelcast.Hosting;

/// <summary>
/// Validates <see cref="HazelcastOptions"/> when the host starts, with the options' own rules
/// (<see cref="HazelcastOptions.GetValidationErrors"/>, the one validation style of every options class of the kit).
/// Each failure names the configuration key, as the user wrote it, and the value.
/// </summary>
internal sealed class HazelcastOptionsValidator(string? name, string sectionPath) : IValidateOptions<HazelcastOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, HazelcastOptions options)
    {
        if (!string.Equals(optionsName ?? Options.DefaultName, name ?? Options.DefaultName, StringComparison.Ordinal)) return ValidateOptionsResult.Skip;
        var failures = options.GetValidationErrors().Select(e => $"{sectionPath}:{e.Key}: {e.Message}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
