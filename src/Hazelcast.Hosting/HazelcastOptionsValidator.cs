using Microsoft.Extensions.Options;

namespace Hazelcast.Hosting;

/// <summary>The data-annotation rules of <see cref="HazelcastOptions"/>, checked by source-generated code.</summary>
[OptionsValidator]
internal sealed partial class HazelcastOptionsAnnotationsValidator : IValidateOptions<HazelcastOptions>;

/// <summary>
/// Validates <see cref="HazelcastOptions"/> when the host starts: data annotations, then the rules that span
/// several options. Each failure names the configuration key, as the user wrote it, and the value.
/// </summary>
internal sealed class HazelcastOptionsValidator(string? name, string sectionPath) : IValidateOptions<HazelcastOptions>
{
    private readonly HazelcastOptionsAnnotationsValidator _annotations = new();

    public ValidateOptionsResult Validate(string? optionsName, HazelcastOptions options)
    {
        if (!string.Equals(optionsName ?? Options.DefaultName, name ?? Options.DefaultName, StringComparison.Ordinal)) return ValidateOptionsResult.Skip;
        // Our own rules name the key and quote the value; data annotations speak only when those found nothing.
        var failures = options.GetValidationErrors().Select(e => $"{sectionPath}:{e.Key}: {e.Message}").ToList();
        if (failures.Count == 0)
        {
            var annotations = _annotations.Validate(optionsName, options);
            if (annotations.Failed) failures.AddRange(annotations.Failures.Select(f => $"{sectionPath}: {f}"));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
