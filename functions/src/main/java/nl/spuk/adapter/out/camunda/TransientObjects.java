package nl.spuk.adapter.out.camunda;

import org.camunda.bpm.engine.impl.variable.serializer.AbstractTypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Lets a transient process variable hold a Java object as it is: the engine keeps a transient variable for one
 * command and never reads it back from its database, so nothing need be written. The engine's own object
 * serialisation (Java serialisation, off by default) would refuse the command object the Workflow adapter passes
 * to the steps; a persistent object variable is still refused, as before.
 */
final class TransientObjects extends AbstractTypedValueSerializer<ObjectValue> {
    static final String NAME = "spuk-transient-object";

    TransientObjects() {
        super(ValueType.OBJECT);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    protected boolean canWriteValue(TypedValue value) {
        return value.isTransient() && value instanceof ObjectValue object && object.isDeserialized();
    }

    @Override
    public void writeValue(ObjectValue value, ValueFields fields) {
        // kept in memory by the engine for the one command; nothing goes to the database
    }

    @Override
    public ObjectValue readValue(ValueFields fields, boolean deserialize, boolean isTransient) {
        throw new IllegalStateException("a transient object is never read back from the engine's database: " + fields.getName());
    }

    @Override
    public ObjectValue convertToTypedValue(UntypedValueImpl untypedValue) {
        throw new IllegalArgumentException("an untyped value is not a transient object");
    }
}
