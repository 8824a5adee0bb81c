'use strict';
// Portable test types for the official Node.js client: factory id 1. Shared by golden/generate.js (bytes) and
// portable/interop.js (values exchanged through a member). The .NET twins are in tests/Hazelcast.Core.Tests/PortableTypes.cs:
// same factory and class ids, field names, types and order.
const { BigDecimal, LocalDate, LocalTime, LocalDateTime, OffsetDateTime } = require('hazelcast-client');
const { createRequire } = require('module');
// The exact 'long' instance the client depends on.
const Long = createRequire(require.resolve('hazelcast-client/package.json'))('long');

const FACTORY_ID = 1;

class Simple {
    constructor(i, s) { this.factoryId = FACTORY_ID; this.classId = 1; this.i = i; this.s = s; }
    writePortable(w) { w.writeInt('i', this.i); w.writeString('s', this.s); }
    readPortable(r) { this.i = r.readInt('i'); this.s = r.readString('s'); }
}
class Outer {
    constructor(inner) { this.factoryId = FACTORY_ID; this.classId = 2; this.inner = inner; }
    writePortable(w) { w.writePortable('inner', this.inner); }
    readPortable(r) { this.inner = r.readPortable('inner'); }
}
class Holder {
    constructor(items) { this.factoryId = FACTORY_ID; this.classId = 3; this.items = items; }
    writePortable(w) { w.writePortableArray('items', this.items); }
    readPortable(r) { this.items = r.readPortableArray('items'); }
}
class Versioned {
    constructor(l) { this.factoryId = FACTORY_ID; this.classId = 4; this.version = 2; this.l = l; }
    writePortable(w) { w.writeLong('l', this.l); }
    readPortable(r) { this.l = r.readLong('l'); }
}
class Temporal {
    constructor(d, dt, t, ts, tz) { this.factoryId = FACTORY_ID; this.classId = 5; Object.assign(this, { d, dt, t, ts, tz }); }
    writePortable(w) {
        w.writeDecimal('d', this.d); w.writeDate('dt', this.dt); w.writeTime('t', this.t);
        w.writeTimestamp('ts', this.ts); w.writeTimestampWithTimezone('tz', this.tz);
    }
    readPortable(r) {
        this.d = r.readDecimal('d'); this.dt = r.readDate('dt'); this.t = r.readTime('t');
        this.ts = r.readTimestamp('ts'); this.tz = r.readTimestampWithTimezone('tz');
    }
}
class Prims {
    constructor() { this.factoryId = FACTORY_ID; this.classId = 6; }
    writePortable(w) {
        w.writeByte('b', 0x7f); w.writeBoolean('z', true); w.writeChar('c', 'A'); w.writeShort('h', -2);
        w.writeFloat('f', 1.5); w.writeDouble('x', -0.25); w.writeIntArray('ia', [1, 2]);
        w.writeStringArray('sa', null); w.writeString('ns', null);
    }
    readPortable(r) {
        this.b = r.readByte('b'); this.z = r.readBoolean('z'); this.c = r.readChar('c'); this.h = r.readShort('h');
        this.f = r.readFloat('f'); this.x = r.readDouble('x'); this.ia = r.readIntArray('ia');
        this.sa = r.readStringArray('sa'); this.ns = r.readString('ns');
    }
}
// For queries and interop: an employee with a nested address and former addresses.
class Address {
    constructor(city, zip) { this.factoryId = FACTORY_ID; this.classId = 8; this.city = city; this.zip = zip; }
    writePortable(w) { w.writeString('city', this.city); w.writeInt('zip', this.zip); }
    readPortable(r) { this.city = r.readString('city'); this.zip = r.readInt('zip'); }
}
class Employee {
    constructor(name, age, address, previous) {
        this.factoryId = FACTORY_ID; this.classId = 7; this.name = name; this.age = age; this.address = address; this.previous = previous;
    }
    writePortable(w) {
        w.writeString('name', this.name); w.writeInt('age', this.age);
        w.writePortable('address', this.address); w.writePortableArray('previous', this.previous);
    }
    readPortable(r) {
        this.name = r.readString('name'); this.age = r.readInt('age');
        this.address = r.readPortable('address'); this.previous = r.readPortableArray('previous');
    }
}

const classes = [null, Simple, Outer, Holder, Versioned, Temporal, Prims, Employee, Address];
const factory = (classId) => (classes[classId] ? new classes[classId]() : null);

const temporal = () => new Temporal(BigDecimal.fromString('1.23'), new LocalDate(2021, 2, 9), new LocalTime(12, 23, 34, 1000),
    LocalDateTime.from(2021, 2, 9, 1, 2, 3, 400), OffsetDateTime.from(2021, 2, 9, 1, 2, 3, 400, 3600));

module.exports = { FACTORY_ID, Long, Simple, Outer, Holder, Versioned, Temporal, Prims, Address, Employee, factory, temporal };
