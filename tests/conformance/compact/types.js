'use strict';
// Compact test types, with explicit serializers for the official Node.js client (it has no zero-config Compact).
// Shared by golden/generate.js (schema ids and bytes) and compact/interop.js (values exchanged through a member).
// The .NET twins are in tests/Hazelcast.Core.Tests/CompactTypes.cs: same type names, field names and kinds.
const { BigDecimal, LocalDate, LocalTime, LocalDateTime, OffsetDateTime } = require('hazelcast-client');
const Long = require('long');

class Student {
    constructor(name, age) { this.name = name; this.age = age; }
}
class Address {
    constructor(city, zip) { this.city = city; this.zip = zip; }
}
class Person {
    constructor(name, address, previous) { this.name = name; this.address = address; this.previous = previous; }
}
// One field of every kind, filled by allKinds() or allNull(). The decimals avoid zero and most negatives: the
// official client's bigIntToBuffer writes 0 as 00 00 and drops the sign byte of some negatives (1 becomes 00 01, -1 an empty
// array, -12345678901234567890 becomes 54ab…, a positive number), where Java's BigInteger.toByteArray, which members
// and we follow, writes the minimal two's complement (00, ff, ffab54…).
class AllKinds {
    constructor(v) { Object.assign(this, v); }
}

const studentSerializer = {
    getClass: () => Student,
    getTypeName: () => 'student',
    read: (r) => new Student(r.readString('name'), r.readInt32('age')),
    write: (w, o) => { w.writeString('name', o.name); w.writeInt32('age', o.age); },
};
const addressSerializer = {
    getClass: () => Address,
    getTypeName: () => 'address',
    read: (r) => new Address(r.readString('city'), r.readInt32('zip')),
    write: (w, o) => { w.writeString('city', o.city); w.writeInt32('zip', o.zip); },
};
const personSerializer = {
    getClass: () => Person,
    getTypeName: () => 'person',
    read: (r) => new Person(r.readString('name'), r.readCompact('address'), r.readArrayOfCompact('previous')),
    write: (w, o) => { w.writeString('name', o.name); w.writeCompact('address', o.address); w.writeArrayOfCompact('previous', o.previous); },
};

// [field name, kind method suffix]: every Compact kind the clients share.
const KINDS = [
    ['bool', 'Boolean'], ['i8', 'Int8'], ['i16', 'Int16'], ['i32', 'Int32'], ['i64', 'Int64'], ['f32', 'Float32'], ['f64', 'Float64'],
    ['str', 'String'], ['dec', 'Decimal'], ['time', 'Time'], ['date', 'Date'], ['ts', 'Timestamp'], ['tstz', 'TimestampWithTimezone'],
    ['nested', 'Compact'],
    ['bools', 'ArrayOfBoolean'], ['i8s', 'ArrayOfInt8'], ['i16s', 'ArrayOfInt16'], ['i32s', 'ArrayOfInt32'], ['i64s', 'ArrayOfInt64'],
    ['f32s', 'ArrayOfFloat32'], ['f64s', 'ArrayOfFloat64'], ['strs', 'ArrayOfString'], ['decs', 'ArrayOfDecimal'], ['times', 'ArrayOfTime'],
    ['dates', 'ArrayOfDate'], ['tss', 'ArrayOfTimestamp'], ['tstzs', 'ArrayOfTimestampWithTimezone'], ['nesteds', 'ArrayOfCompact'],
    ['nbool', 'NullableBoolean'], ['ni8', 'NullableInt8'], ['ni16', 'NullableInt16'], ['ni32', 'NullableInt32'], ['ni64', 'NullableInt64'],
    ['nf32', 'NullableFloat32'], ['nf64', 'NullableFloat64'],
    ['nbools', 'ArrayOfNullableBoolean'], ['ni8s', 'ArrayOfNullableInt8'], ['ni16s', 'ArrayOfNullableInt16'], ['ni32s', 'ArrayOfNullableInt32'],
    ['ni64s', 'ArrayOfNullableInt64'], ['nf32s', 'ArrayOfNullableFloat32'], ['nf64s', 'ArrayOfNullableFloat64'],
];

const allKindsSerializer = {
    getClass: () => AllKinds,
    getTypeName: () => 'allkinds',
    read: (r) => {
        const v = {};
        for (const [name, kind] of KINDS) v[name] = r['read' + kind](name);
        return new AllKinds(v);
    },
    write: (w, o) => { for (const [name, kind] of KINDS) w['write' + kind](name, o[name]); },
};

const serializers = [studentSerializer, addressSerializer, personSerializer, allKindsSerializer];

function allKinds() {
    const t = new LocalTime(13, 45, 59, 123456700);
    const d = new LocalDate(2024, 2, 29);
    const ts = new LocalDateTime(d, t);
    return new AllKinds({
        bool: true, i8: -7, i16: -1234, i32: 123456789, i64: Long.fromString('-9007199254740993'), f32: 1.5, f64: -2.25,
        str: 'héllo, 世界 🌍', dec: new BigDecimal(BigInt('12345678901234567890'), 4), time: t, date: d, ts,
        tstz: new OffsetDateTime(ts, 5 * 3600 + 30 * 60),
        nested: new Address('Ankara', 6100),
        bools: [true, false, true, true, false, false, true, false, true], i8s: Buffer.from([0, 1, 127, 128, 255]),
        i16s: [1, -2, 32767], i32s: [0, -1, 2147483647], i64s: [Long.fromNumber(1), Long.fromString('-9223372036854775808')],
        f32s: [0.5, -0.25], f64s: [1e300, -0.0], strs: ['a', null, ''], decs: [new BigDecimal(BigInt(-128), 2), null, new BigDecimal(BigInt(128), 28)],
        times: [t, null], dates: [d, null, new LocalDate(1, 1, 1)], tss: [ts, null], tstzs: [new OffsetDateTime(ts, -8 * 3600), null],
        nesteds: [new Address('Izmir', 35000), null, new Address('', 0)],
        nbool: false, ni8: 8, ni16: -16, ni32: 32, ni64: Long.fromNumber(-64), nf32: 3.5, nf64: 6.25,
        nbools: [true, null, false], ni8s: [1, null, -1], ni16s: [null, 2], ni32s: [3, null], ni64s: [Long.fromNumber(4), null],
        nf32s: [null, 5.5], nf64s: [6.5, null],
    });
}

function allNull() {
    const v = {};
    for (const [name, kind] of KINDS) v[name] = null;
    Object.assign(v, { bool: false, i8: 0, i16: 0, i32: 0, i64: Long.ZERO, f32: 0, f64: 0 });
    return new AllKinds(v);
}

module.exports = { Student, Address, Person, AllKinds, KINDS, serializers, allKinds, allNull, Long };
