#!/usr/bin/env python3
"""Generates the protocol codecs from messages.txt (our own table, written from PROTOCOL.md).

Usage: python3 tools/codegen/generate.py   (from the repository root; rewrites src/Hazelcast.Core/Protocol/Codecs/*.g.cs)
The output is committed: building the solution needs no Python.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "src", "Hazelcast.Core", "Protocol", "Codecs")
TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "messages.txt")

FIXED = {  # type: (size, C# type, Fixed.Read*, Fixed.Write*)
    "byte": (1, "byte", "ReadByte", "WriteByte"),
    "bool": (1, "bool", "ReadBool", "WriteBool"),
    "int": (4, "int", "ReadInt", "WriteInt"),
    "long": (8, "long", "ReadLong", "WriteLong"),
    "float": (4, "float", "ReadFloat", "WriteFloat"),
    "UUID": (17, "Guid", "ReadUuid", "WriteUuid"),
    "UUID?": (17, "Guid?", "ReadUuid", "WriteUuid"),
}


class Field:
    def __init__(self, name, type_, since=None, client_omits=False):
        self.name, self.type, self.since, self.client_omits = name, type_, since, client_omits

    @property
    def fixed(self):
        return self.type in FIXED

    @property
    def optional(self):
        return self.since is not None and self.since != "2.0"

    @property
    def pascal(self):
        return self.name[0].upper() + self.name[1:]


class Custom:
    def __init__(self, name):
        self.name, self.fields = name, []


class Event:
    def __init__(self, name):
        self.name, self.fields = name, []


class Enum:
    def __init__(self, name, underlying, visibility, flags, namespace, doc):
        self.name, self.underlying, self.visibility, self.flags = name, underlying, visibility, flags
        self.namespace, self.doc, self.values = namespace, doc, []


class Message:
    def __init__(self, service, method, id_, retryable, partition):
        self.service, self.method, self.id = service, method, id_
        self.retryable, self.partition = retryable, partition
        self.req, self.resp, self.events = [], [], []

    @property
    def cls(self):
        return f"{self.service}{self.method}Codec"


def strip_comment(raw):
    """The line without its comment: from the first # that is not inside a quoted doc text."""
    quoted = False
    for i, ch in enumerate(raw):
        if ch == '"':
            quoted = not quoted
        elif ch == "#" and not quoted:
            return raw[:i].strip()
    return raw.strip()


def doc_of(line):
    """The quoted doc text at the end of a line, and the line without it."""
    m = re.search(r'"([^"]*)"\s*$', line)
    return (m.group(1), line[:m.start()].strip()) if m else (None, line)


def parse():
    customs, messages, enums, errors, services = {}, [], [], [], []
    current = None
    for lineno, raw in enumerate(open(TABLE, encoding="utf-8"), 1):
        doc, line = doc_of(strip_comment(raw))
        if not line:
            continue
        parts = line.split()
        kw = parts[0]
        opts = {}
        flags = set()
        for p in parts[3:] if kw in ("req", "resp", "evt", "field") else []:
            if "=" in p:
                k, v = p.split("=", 1)
                opts[k] = v
            else:
                flags.add(p)
        if kw == "custom":
            current = Custom(parts[1])
            customs[current.name] = current
        elif kw == "message":
            service, method = parts[1].split(".")
            kv = dict(p.split("=") for p in parts[3:])
            if kv["partition"] not in ("key", "given", "none", "name"):
                sys.exit(f"messages.txt:{lineno}: partition must be key, given, none or name")
            current = Message(service, method, int(parts[2], 16), kv["retryable"] == "yes", kv["partition"])
            messages.append(current)
        elif kw == "enum":
            # enum <Name> <underlying> public|internal [flags] namespace=<ns> "doc"
            kv = dict(p.split("=", 1) for p in parts[4:] if "=" in p)
            current = Enum(parts[1], parts[2], parts[3], "flags" in parts[4:], kv.get("namespace", "Hazelcast.Protocol"), doc)
            enums.append(current)
        elif kw == "value":
            current.values.append((parts[1], int(parts[2], 0), doc))
        elif kw == "error":
            # error <code> <Name> <java class or -> [retryable] "doc"
            errors.append((int(parts[1]), parts[2], None if parts[3] == "-" else parts[3], "retryable" in parts[4:], doc))
        elif kw == "service":
            services.append((parts[1], parts[2], doc))
        elif kw == "event":
            ev = Event(parts[1])
            current.events.append(ev)
        elif kw in ("req", "resp", "evt", "field"):
            f = Field(parts[1], parts[2], opts.get("since"), "client-omits" in flags)
            target = {"req": lambda: current.req, "resp": lambda: current.resp,
                      "evt": lambda: current.events[-1].fields, "field": lambda: current.fields}[kw]()
            target.append(f)
        else:
            sys.exit(f"messages.txt:{lineno}: unknown keyword {kw}")
    for m in messages:
        if m.partition == "key" and not any(f.name == "key" and f.type == "Data" for f in m.req):
            sys.exit(f"{m.service}.{m.method}: partition=key needs a request field 'key' of type Data")
    return customs, messages, enums, errors, services


def cs_type(t, customs):
    if t in FIXED:
        return FIXED[t][1]
    nullable = t.endswith("?")
    base = t[:-1] if nullable else t
    q = "?" if nullable else ""
    simple = {
        "String": "string", "Data": "Data", "byteArray": "byte[]",
        "List_Integer": "int[]", "List_Long": "long[]", "List_UUID": "Guid[]",
        "List_String": "IReadOnlyList<string>", "List_Data": "IReadOnlyList<Data>", "ListCN_Data": "IReadOnlyList<Data>",
        "EntryList_Data_Data": "IReadOnlyList<KeyValuePair<Data, Data>>",
        "EntryList_Data_List_Data": "IReadOnlyList<KeyValuePair<Data, IReadOnlyList<Data>>>",
        "EntryList_UUID_List_Integer": "IReadOnlyList<KeyValuePair<Guid, int[]>>",
        "EntryList_UUID_Long": "IReadOnlyList<KeyValuePair<Guid, long>>",
        "EntryList_Integer_UUID": "IReadOnlyList<KeyValuePair<int, Guid>>",
        "EntryList_Integer_Long": "IReadOnlyList<KeyValuePair<int, long>>",
        "EntryList_String_EntryList_Integer_Long": "IReadOnlyList<KeyValuePair<string, IReadOnlyList<KeyValuePair<int, long>>>>",
        "Map_String_String": "IReadOnlyList<KeyValuePair<string, string>>",
        "Map_EndpointQualifier_Address": "IReadOnlyList<KeyValuePair<EndpointQualifier, Address>>",
        "List_List_UUID": "IReadOnlyList<Guid[]>",
        "SqlPage": "SqlPage",
    }
    if base == "Data":
        return "Data"  # default(Data) is the protocol null
    if base in simple:
        return simple[base] + q
    if base in customs:
        return base + q
    if base.startswith("List_") and base[5:] in customs:
        return f"IReadOnlyList<{base[5:]}>" + q
    raise SystemExit(f"unknown type {t}")


def enc_var(t, expr, customs):
    """C# statement(s) writing var-sized value `expr` of type t to `w`."""
    nullable = t.endswith("?")
    base = t[:-1] if nullable else t
    if base == "Data":
        return f"w.WriteNullableData({expr});" if nullable else f"w.WriteData({expr});"
    if base == "String":
        return f"w.WriteNullableString({expr});" if nullable else f"w.WriteString({expr});"
    body = {
        "byteArray": f"w.WriteByteArray({{0}});",
        "List_Integer": "w.WriteIntList({0});",
        "List_Long": "w.WriteLongList({0});",
        "List_UUID": "w.WriteUuidList({0});",
        "List_String": "BuiltInCodecs.EncodeStringList(ref w, {0});",
        "List_Data": "BuiltInCodecs.EncodeDataList(ref w, {0});",
        "ListCN_Data": "BuiltInCodecs.EncodeNullableDataList(ref w, {0});",
        "EntryList_Data_Data": "BuiltInCodecs.EncodeDataEntries(ref w, {0});",
        "EntryList_Data_List_Data": "BuiltInCodecs.EncodeDataListEntries(ref w, {0});",
        "EntryList_UUID_List_Integer": "BuiltInCodecs.EncodeUuidIntListEntries(ref w, {0});",
        "EntryList_UUID_Long": "BuiltInCodecs.EncodeUuidLongEntries(ref w, {0});",
        "EntryList_Integer_UUID": "BuiltInCodecs.EncodeIntUuidEntries(ref w, {0});",
        "EntryList_Integer_Long": "BuiltInCodecs.EncodeIntLongEntries(ref w, {0});",
        "EntryList_String_EntryList_Integer_Long": "BuiltInCodecs.EncodeStringIntLongEntries(ref w, {0});",
        "Map_String_String": "BuiltInCodecs.EncodeStringMap(ref w, {0});",
        "Map_EndpointQualifier_Address": "BuiltInCodecs.EncodeAddressMap(ref w, {0});",
        "List_List_UUID": "BuiltInCodecs.EncodeUuidListList(ref w, {0});",
        "SqlPage": "SqlPageCodec.Encode(ref w, {0});",
    }.get(base)
    if body is None:
        if base in customs:
            body = base + "Codec.Encode(ref w, {0});"
        elif base.startswith("List_") and base[5:] in customs:
            body = base[5:] + "Codec.EncodeList(ref w, {0});"
        else:
            raise SystemExit(f"cannot encode {t}")
    stmt = body.format(expr)
    if nullable:
        return f"if ({expr} is null) w.WriteNull(); else {stmt}"
    return stmt


def dec_var(t, field, customs):
    """C# expression reading a var-sized value of type t from `r`."""
    nullable = t.endswith("?")
    base = t[:-1] if nullable else t
    f = f'"{field}"'
    if base == "Data":
        return f"r.ReadNullableData({f})" if nullable else f"r.ReadData({f})"
    if base == "String":
        return f"r.ReadNullableString({f})" if nullable else f"r.ReadString({f})"
    expr = {
        "byteArray": f"r.ReadByteArray({f})",
        "List_Integer": f"r.ReadIntList({f})",
        "List_Long": f"r.ReadLongList({f})",
        "List_UUID": f"r.ReadUuidList({f})",
        "List_String": f"BuiltInCodecs.DecodeStringList(ref r, {f})",
        "List_Data": f"BuiltInCodecs.DecodeDataList(ref r, {f})",
        "ListCN_Data": f"BuiltInCodecs.DecodeNullableDataList(ref r, {f})",
        "EntryList_Data_Data": f"BuiltInCodecs.DecodeDataEntries(ref r, {f})",
        "EntryList_Data_List_Data": f"BuiltInCodecs.DecodeDataListEntries(ref r, {f})",
        "EntryList_UUID_List_Integer": f"BuiltInCodecs.DecodeUuidIntListEntries(ref r, {f})",
        "EntryList_UUID_Long": f"BuiltInCodecs.DecodeUuidLongEntries(ref r, {f})",
        "EntryList_Integer_UUID": f"BuiltInCodecs.DecodeIntUuidEntries(ref r, {f})",
        "EntryList_Integer_Long": f"BuiltInCodecs.DecodeIntLongEntries(ref r, {f})",
        "EntryList_String_EntryList_Integer_Long": f"BuiltInCodecs.DecodeStringIntLongEntries(ref r, {f})",
        "Map_String_String": f"BuiltInCodecs.DecodeStringMap(ref r, {f})",
        "Map_EndpointQualifier_Address": f"BuiltInCodecs.DecodeAddressMap(ref r, {f})",
        "List_List_UUID": f"BuiltInCodecs.DecodeUuidListList(ref r, {f})",
        "SqlPage": f"SqlPageCodec.Decode(ref r, {f})",
    }.get(base)
    if expr is None:
        if base in customs:
            expr = f"{base}Codec.Decode(ref r, {f})"
        elif base.startswith("List_") and base[5:] in customs:
            expr = f"{base[5:]}Codec.DecodeList(ref r, {f})"
        else:
            raise SystemExit(f"cannot decode {t}")
    if nullable:
        return f"r.TryReadNull() ? null : {expr}"
    return expr


def default_of(t, customs):
    ct = cs_type(t, customs)
    if t == "Data" or t == "Data?":
        return "default"
    if t in FIXED:
        return "default"
    if t.endswith("?"):
        return "null"
    if ct.startswith("IReadOnlyList<") or ct.endswith("[]"):
        return "[]"
    return "default!"


def fixed_layout(fields, start):
    layout, off = [], start
    for f in fields:
        if f.fixed:
            layout.append((f, off))
            off += FIXED[f.type][0]
    return layout, off


def read_fixed(f, off, span, customs):
    size, ct, reader, _ = FIXED[f.type]
    expr = f'Fixed.{reader}({span}, {off}, "{f.name}")'
    if f.type == "UUID":
        expr = f"({expr} ?? Guid.Empty)"
    if f.optional:
        return f"{span}.Length >= {off + size} ? {expr} : default"
    return expr


CS_KEYWORDS = {"base", "event", "params", "string", "object", "in", "out", "ref", "this", "lock", "operator", "checked", "fixed", "default", "delegate"}  # reserved words: escaped with @


def param(f):
    return "@" + f.name if f.name in CS_KEYWORDS else f.name


def gen_params_record(name, fields, customs, indent):
    args = ", ".join(f"{cs_type(f.type, customs)} {f.pascal}" for f in fields)
    return f"{indent}public readonly record struct {name}({args});\n"


def gen_decode_body(fields, start, span_expr, customs, indent, result_ctor, optional_var_check="r.HasNext"):
    out = []
    out.append(f"{indent}var c = {span_expr};\n")
    out.append(f"{indent}var r = message.GetReader();\n")
    layout, _ = fixed_layout(fields, start)
    offs = {f.name: o for f, o in layout}
    names = []
    for f in fields:
        v = "_" + f.name
        if f.fixed:
            out.append(f"{indent}var {v} = {read_fixed(f, offs[f.name], 'c', customs)};\n")
    for f in fields:
        v = "_" + f.name
        if not f.fixed:
            expr = dec_var(f.type, f.name, customs)
            if f.optional:
                out.append(f"{indent}{cs_type(f.type, customs)} {v} = {optional_var_check} ? {expr} : {default_of(f.type, customs)};\n")
            else:
                out.append(f"{indent}var {v} = {expr};\n")
    args = ", ".join("_" + f.name for f in fields)
    out.append(f"{indent}return {result_ctor}({args});\n")
    return "".join(out)


def size_hint(fields):
    parts = []
    for f in fields:
        if f.fixed or f.client_omits:
            continue
        base = f.type.rstrip("?")
        n = param(f)
        if base == "Data":
            parts.append(f"{n}.Length + 6")
        elif base == "String":
            parts.append(f"({n}?.Length ?? 0) * 3 + 6" if f.type.endswith("?") else f"{n}.Length * 3 + 6")
        else:
            parts.append("64")
    return " + ".join(parts) if parts else "0"


def gen_encode(kind, type_const, fields, start, customs, indent, partition_key=False):
    """kind: Request | Response | Event. Returns the body of an Encode method."""
    layout, size = fixed_layout([f for f in fields if not f.client_omits], start)
    out = [f"{indent}var w = MessageWriter.{kind}({type_const}, {size}, {size} + 6 + {size_hint(fields)});\n"]
    if partition_key:
        out.append(f"{indent}w.SetPartitionKey(key);\n")
    if layout:
        out.append(f"{indent}var c = w.InitialContent;\n")
        for f, off in layout:
            out.append(f"{indent}Fixed.{FIXED[f.type][3]}(c, {off}, {param(f)});\n")
    for f in fields:
        if not f.fixed and not f.client_omits:
            out.append(f"{indent}{enc_var(f.type, param(f), customs)}\n")
    return "".join(out), size


def signature(fields, customs, skip_omitted=False):
    return ", ".join(f"{'in ' if f.type in ('Data', 'Data?') else ''}{cs_type(f.type, customs)} {param(f)}"
                     for f in fields if not (skip_omitted and f.client_omits))


HEADER = "// <auto-generated>Generated by tools/codegen/generate.py from tools/codegen/messages.txt. Do not edit.</auto-generated>\n#nullable enable\n"
USINGS = "using Hazelcast.Serialization;\n\nnamespace Hazelcast.Protocol.Codecs;\n\n"


ROUTING = {"key": "PartitionRouting.Key", "given": "PartitionRouting.Given", "none": "PartitionRouting.None", "name": "PartitionRouting.Name"}


def event_signature(ev):
    return (ev.name, tuple((f.name, f.type, f.since) for f in ev.fields))


def gen_message(m, customs, shared_events):
    i1, i2 = "    ", "        "
    s = [HEADER, USINGS]
    s.append(f"/// <summary>{m.service}.{m.method}: request 0x{m.id:06X}, response 0x{m.id + 1:06X}.</summary>\n")
    s.append(f"internal static class {m.cls}\n{{\n")
    s.append(f"{i1}public const int RequestMessageType = 0x{m.id:06X};\n")
    s.append(f"{i1}public const int ResponseMessageType = 0x{m.id + 1:06X};\n")
    for idx, ev in enumerate(m.events):
        s.append(f"{i1}public const int {ev.name}EventMessageType = 0x{m.id + 2 + idx:06X};\n")
    s.append(f"\n{i1}/// <summary>What the invocation layer needs to know of the request: retryable {'yes' if m.retryable else 'no'}, partition routing {m.partition}.</summary>\n")
    s.append(f'{i1}public static readonly RequestDescriptor Descriptor = new("{m.service}.{m.method}", RequestMessageType, {"true" if m.retryable else "false"}, {ROUTING[m.partition]});\n\n')

    # Request
    body, _ = gen_encode("Request", "Descriptor", m.req, 16, customs, i2, partition_key=m.partition == "key")
    s.append(f"{i1}public static ClientMessage EncodeRequest({signature(m.req, customs, skip_omitted=True)})\n{i1}{{\n{body}{i2}return w.Complete();\n{i1}}}\n\n")
    if m.req:
        s.append(gen_params_record("RequestParameters", m.req, customs, i1))
        s.append(f"\n{i1}public static RequestParameters DecodeRequest(ClientMessage message)\n{i1}{{\n")
        s.append(gen_decode_body(m.req, 16, "message.InitialContent", customs, i2, "new RequestParameters"))
        s.append(f"{i1}}}\n\n")

    # Response
    body, _ = gen_encode("Response", "ResponseMessageType", m.resp, 13, customs, i2)
    s.append(f"{i1}public static ClientMessage EncodeResponse({signature(m.resp, customs)})\n{i1}{{\n{body}{i2}return w.Complete();\n{i1}}}\n\n")
    check = f"{i2}MessageTypes.Expect(message, ResponseMessageType);\n"
    if len(m.resp) == 1:
        f = m.resp[0]
        s.append(f"{i1}public static {cs_type(f.type, customs)} DecodeResponse(ClientMessage message)\n{i1}{{\n{check}")
        s.append(gen_decode_body(m.resp, 13, "message.InitialContent", customs, i2, "").replace("return (", "return ("))
        s.append(f"{i1}}}\n\n")
    elif len(m.resp) > 1:
        s.append(gen_params_record("ResponseParameters", m.resp, customs, i1))
        s.append(f"\n{i1}public static ResponseParameters DecodeResponse(ClientMessage message)\n{i1}{{\n{check}")
        s.append(gen_decode_body(m.resp, 13, "message.InitialContent", customs, i2, "new ResponseParameters"))
        s.append(f"{i1}}}\n\n")

    # Events (an event of the same name and layout in several messages has one shared codec: see gen_shared_event)
    for ev in m.events:
        if event_signature(ev) in shared_events:
            continue
        sig = signature(ev.fields, customs)
        body, _ = gen_encode("Event", f"{ev.name}EventMessageType", ev.fields, 16, customs, i2)
        # The message's own partition id, named apart from an event field called partitionId (PartitionLost's).
        pid = "messagePartitionId" if any(f.name == "partitionId" for f in ev.fields) else "partitionId"
        s.append(f"{i1}public static ClientMessage Encode{ev.name}Event({sig}{', ' if sig else ''}int {pid} = -1)\n{i1}{{\n{body}")
        s.append(f"{i2}var message = w.Complete();\n{i2}message.PartitionId = {pid};\n{i2}return message;\n{i1}}}\n\n")
        s.append(gen_params_record(f"{ev.name}Event", ev.fields, customs, i1))
        s.append(f"\n{i1}public static {ev.name}Event Decode{ev.name}Event(ClientMessage message)\n{i1}{{\n")
        s.append(gen_decode_body(ev.fields, 16, "message.InitialContent", customs, i2, f"new {ev.name}Event"))
        s.append(f"{i1}}}\n\n")
    text = "".join(s).rstrip() + "\n}\n"
    # single-field response: "return (_x);" reads oddly; make it "return _x;"
    text = re.sub(r"return \((_\w+)\);", r"return \1;", text)
    return text


def gen_shared_event(ev, users, customs):
    """One codec for an event that several listener messages send with the same layout; only the type id differs."""
    i1, i2 = "    ", "        "
    s = [HEADER, USINGS]
    s.append(f"/// <summary>The {ev.name} event of {', '.join(users)}: one layout, a type id per message.</summary>\n")
    s.append(gen_params_record(f"{ev.name}Event", ev.fields, customs, "").replace("public readonly", "internal readonly"))
    s.append(f"\ninternal static class {ev.name}EventCodec\n{{\n")
    sig = signature(ev.fields, customs)
    body, _ = gen_encode("Event", "messageType", ev.fields, 16, customs, i2)
    s.append(f"{i1}public static ClientMessage Encode(int messageType, {sig}, int partitionId = -1)\n{i1}{{\n{body}")
    s.append(f"{i2}var message = w.Complete();\n{i2}message.PartitionId = partitionId;\n{i2}return message;\n{i1}}}\n\n")
    s.append(f"{i1}public static {ev.name}Event Decode(ClientMessage message)\n{i1}{{\n")
    s.append(gen_decode_body(ev.fields, 16, "message.InitialContent", customs, i2, f"new {ev.name}Event"))
    s.append(f"{i1}}}\n}}\n")
    return "".join(s)


def doc_comment(text, indent):
    text = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"{indent}/// <summary>{text}</summary>\n"


def ns_dir(namespace):
    parts = namespace.split(".")
    assert parts[0] == "Hazelcast", namespace
    return os.path.join(ROOT, "src", "Hazelcast.Core", *parts[1:])


def gen_enum(e):
    s = [HEADER, "\n", f"namespace {e.namespace};\n\n", doc_comment(e.doc, "")]
    if e.flags:
        s.append("[Flags]\n")
    s.append("#pragma warning disable CA1028, CA1008, CA1711 // the values and names are the protocol's\n")
    underlying = "" if e.underlying == "int" else f" : {e.underlying}"
    s.append(f"{e.visibility} enum {e.name}{underlying}\n{{\n")
    for name, value, doc in e.values:
        s.append(doc_comment(doc, "    "))
        s.append(f"    {name} = {value},\n")
    s.append("}\n#pragma warning restore CA1028, CA1008, CA1711\n")
    return "".join(s)


def gen_errors(errors):
    s = [HEADER, "\n", "namespace Hazelcast.Protocol;\n\n"]
    s.append(doc_comment("Error codes a member sends in an error response (Java's ClientProtocolErrorCodes, PROTOCOL.md §2.2).", ""))
    s.append("#pragma warning disable CA1028, CA1008 // the values are the protocol's\npublic enum RemoteError\n{\n")
    for code, name, java, retryable, doc in errors:
        s.append(doc_comment(doc or java or name, "    "))
        s.append(f"    {name} = {code},\n")
    s.append("}\n#pragma warning restore CA1028, CA1008\n\n")
    s.append(doc_comment("What the protocol table says of each error code: the Java class a member names, and whether the official clients retry it.", ""))
    s.append("internal static class RemoteErrors\n{\n")
    s.append("    /// <summary>Whether an invocation that failed with this error is retried (the error says the operation did not run, or may run elsewhere).</summary>\n")
    retry = [name for _, name, _, r, _ in errors if r]
    s.append("    public static bool IsRetryable(RemoteError error) => error is " + "\n        or ".join(f"RemoteError.{n}" for n in retry) + ";\n\n")
    s.append("    /// <summary>The Java class a member names for this error (the typical one; a member may send a subclass).</summary>\n")
    s.append("    public static string JavaClassName(RemoteError error) => error switch\n    {\n")
    for _, name, java, _, _ in errors:
        if java:
            s.append(f'        RemoteError.{name} => "{java}",\n')
    s.append('        _ => "com.hazelcast.core.HazelcastException",\n    };\n}\n')
    return "".join(s)


def gen_services(services):
    s = [HEADER, "\n", "namespace Hazelcast.Protocol;\n\n"]
    s.append(doc_comment("The service names of distributed objects, as members know them (Client.CreateProxy, CP object names).", ""))
    s.append("internal static class ServiceNames\n{\n")
    for name, value, doc in services:
        s.append(doc_comment(doc or name, "    "))
        s.append(f'    public const string {name} = "{value}";\n')
    s.append("}\n")
    return "".join(s)


def gen_message_table(messages):
    s = [HEADER, USINGS]
    s.append("/// <summary>Every request message of tools/codegen/messages.txt (the member's dispatch table is checked against it).</summary>\n")
    s.append("internal static class MessageTable\n{\n    public static readonly IReadOnlyList<RequestDescriptor> Requests =\n    [\n")
    for m in messages:
        s.append(f"        {m.cls}.Descriptor,\n")
    s.append("    ];\n}\n")
    return "".join(s)


def gen_custom(c, customs):
    i1, i2 = "    ", "        "
    s = [HEADER, USINGS]
    args = ", ".join(f"{cs_type(f.type, customs)} {f.pascal}" for f in c.fields)
    s.append(f"/// <summary>The {c.name} custom type (PROTOCOL.md §1.8).</summary>\n")
    s.append(f"internal sealed record {c.name}({args});\n\n")
    s.append(f"internal static class {c.name}Codec\n{{\n")
    layout, size = fixed_layout(c.fields, 0)
    s.append(f"{i1}public static void Encode(ref MessageWriter w, {c.name} value)\n{i1}{{\n{i2}w.WriteBegin();\n")
    if layout:
        s.append(f"{i2}var c = w.AddFixedFrame({size});\n")
        for f, off in layout:
            s.append(f"{i2}Fixed.{FIXED[f.type][3]}(c, {off}, value.{f.pascal});\n")
    for f in c.fields:
        if not f.fixed:
            s.append(f"{i2}{enc_var(f.type, 'value.' + f.pascal, customs)}\n")
    s.append(f"{i2}w.WriteEnd();\n{i1}}}\n\n")
    s.append(f"{i1}public static {c.name} Decode(ref FrameReader r, string field)\n{i1}{{\n{i2}r.ReadBegin(field);\n")
    if layout:
        s.append(f"{i2}var c = r.Next(field).Span;\n")
        for f, off in layout:
            s.append(f"{i2}var _{f.name} = {read_fixed(f, off, 'c', customs)};\n")
    for f in c.fields:
        if not f.fixed:
            expr = dec_var(f.type, f.name, customs)
            if f.optional:
                s.append(f"{i2}{cs_type(f.type, customs)} _{f.name} = !r.NextIsEnd ? {expr} : {default_of(f.type, customs)};\n")
            else:
                s.append(f"{i2}var _{f.name} = {expr};\n")
    s.append(f"{i2}r.SkipToEnd(field);\n")
    s.append(f"{i2}return new {c.name}({', '.join('_' + f.name for f in c.fields)});\n{i1}}}\n\n")
    s.append(f"{i1}public static void EncodeList(ref MessageWriter w, IReadOnlyList<{c.name}> values)\n{i1}{{\n")
    s.append(f"{i2}w.WriteBegin();\n{i2}foreach (var value in values) Encode(ref w, value);\n{i2}w.WriteEnd();\n{i1}}}\n\n")
    s.append(f"{i1}public static List<{c.name}> DecodeList(ref FrameReader r, string field)\n{i1}{{\n")
    s.append(f"{i2}r.ReadBegin(field);\n{i2}var list = new List<{c.name}>();\n{i2}while (!r.NextIsEnd) list.Add(Decode(ref r, field));\n{i2}r.ReadEnd(field);\n{i2}return list;\n{i1}}}\n}}\n")
    return "".join(s)


def write(path, text):
    open(path, "w", encoding="utf-8").write(text)


def main():
    customs, messages, enums, errors, services = parse()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".g.cs"):
            os.remove(os.path.join(OUT, f))
    users = {}
    for m in messages:
        for ev in m.events:
            users.setdefault(event_signature(ev), (ev, []))[1].append(f"{m.service}.{m.method}")
    shared = {k: v for k, v in users.items() if len(v[1]) > 1}
    names = [k[0] for k in shared]
    if len(names) != len(set(names)):
        sys.exit("two shared events have the same name and different layouts")
    for c in customs.values():
        write(os.path.join(OUT, f"{c.name}Codec.g.cs"), gen_custom(c, customs))
    for m in messages:
        write(os.path.join(OUT, f"{m.cls}.g.cs"), gen_message(m, customs, shared))
    for ev, who in shared.values():
        write(os.path.join(OUT, f"{ev.name}EventCodec.g.cs"), gen_shared_event(ev, who, customs))
    write(os.path.join(OUT, "MessageTable.g.cs"), gen_message_table(messages))
    protocol = os.path.dirname(OUT)
    write(os.path.join(protocol, "RemoteError.g.cs"), gen_errors(errors))
    write(os.path.join(protocol, "ServiceNames.g.cs"), gen_services(services))
    for e in enums:
        write(os.path.join(ns_dir(e.namespace), f"{e.name}.g.cs"), gen_enum(e))
    print(f"generated {len(customs)} custom types, {len(messages)} messages, {len(shared)} shared events, {len(enums)} enumerations, "
          f"{len(errors)} error codes and {len(services)} service names")


if __name__ == "__main__":
    main()
