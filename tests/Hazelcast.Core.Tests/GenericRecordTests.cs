using Hazelcast.Query;
using Hazelcast.Serialization;
using Hazelcast.Serialization.Compact;

namespace Hazelcast.Core.Tests;

/// <summary>Compact values read and written with no .NET type: generic records, through maps and the member's queries.</summary>
public sealed class GenericRecordTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_value_written_with_a_type_is_read_as_a_record_by_a_client_that_has_none()
    {
        await using var writer = await fixture.StartClientAsync();
        await using var reader = await fixture.StartClientAsync();
        var name = $"records-{Guid.NewGuid():N}";
        await (await writer.GetMapAsync<string, Person>(name)).SetAsync("p", new Person { Name = "Ann", Address = new Place { City = "Oslo", Zip = 150 }, Previous = [new Place { City = "Rome", Zip = 1 }] });
        await (await writer.GetMapAsync<string, Student>(name + "-s")).SetAsync("s", new Student { Name = "Bob", Age = 19 });

        var record = await (await reader.GetMapAsync<string, IGenericRecord>(name)).GetAsync("p");
        Assert.NotNull(record);
        Assert.Equal("person", record.TypeName);
        Assert.Equal(["address", "name", "previous"], record.FieldNames.Order());
        Assert.Equal("Ann", record.GetString("name"));
        Assert.Equal(FieldKind.Compact, record.GetFieldKind("address"));
        var address = record.GetGenericRecord("address")!; // a nested type the reader does not know: a record too
        Assert.Equal("Oslo", address.GetString("city"));
        Assert.Equal(150, address.GetInt32("zip"));
        Assert.Equal(FieldKind.NotAvailable, record.GetFieldKind("nope"));
        Assert.Contains("no field 'nope'", Assert.Throws<SerializationException>(() => record.GetValue("nope")).Message);
        Assert.Contains("is String, not Int32", Assert.Throws<SerializationException>(() => record.GetInt32("name")).Message);

        // Read as object, a type name the client does not know is a record as well.
        var untyped = await (await reader.GetMapAsync<string, object>(name + "-s")).GetAsync("s");
        var student = Assert.IsAssignableFrom<IGenericRecord>(untyped);
        Assert.Equal(19, student.GetInt32("age"));
    }

    [Fact]
    public async Task A_built_record_is_written_queried_on_the_member_and_read_by_a_client_with_the_type()
    {
        await using var client = await fixture.StartClientAsync();
        var name = $"records-{Guid.NewGuid():N}";
        var records = await client.GetMapAsync<string, IGenericRecord>(name);
        for (var age = 17; age <= 21; age++)
            await records.SetAsync($"s{age}", GenericRecordBuilder.Compact("student").SetString("name", $"n{age}").SetInt32("age", age).Build());

        // The member reads the fields of the records' schema, sent before the first value.
        var adults = await records.GetValuesAsync(Predicates.GreaterThanOrEqualTo("age", 18));
        Assert.Equal([18, 19, 20, 21], adults.Select(r => r.GetInt32("age")).Order());

        await using var typed = await fixture.StartClientAsync();
        var student = await (await typed.GetMapAsync<string, Student>(name)).GetAsync("s20");
        Assert.Equal("n20", student!.Name);
        Assert.Equal(20, student.Age);

        // A record changed through a builder that starts from it.
        var older = (await records.GetAsync("s17"))!.NewBuilderWithClone().SetInt32("age", 40).Build();
        await records.SetAsync("s17", older);
        Assert.Equal(40, (await (await typed.GetMapAsync<string, Student>(name)).GetAsync("s17"))!.Age);
    }

    [Fact]
    public void A_builder_refuses_a_value_its_kind_cannot_hold()
    {
        var builder = GenericRecordBuilder.Compact("t");
        Assert.Contains("Int32, which cannot hold a System.String", Assert.Throws<ArgumentException>(() => builder.Set("x", FieldKind.Int32, "text")).Message);
        Assert.Throws<ArgumentException>(() => builder.Set("x", FieldKind.Int32, null)); // a fixed-size primitive is never null
        Assert.Throws<ArgumentException>(() => GenericRecordBuilder.Compact(""));
        var record = builder.SetNullableInt32("n", null).SetString("s", null).Build();
        Assert.Null(record.GetNullableInt32("n"));
        Assert.Contains("is null", Assert.Throws<SerializationException>(() => record.GetInt32("n")).Message);
    }
}
