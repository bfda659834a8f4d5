package nl.spuk.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.spuk.adapter.in.workflow.decision.DecisionTasks;
import nl.spuk.adapter.in.workflow.drafting.DraftingTasks;
import nl.spuk.adapter.in.workflow.reporting.ReportingTasks;
import nl.spuk.adapter.in.workflow.review.ReviewTasks;
import nl.spuk.adapter.in.workflow.settlement.SettlementTasks;
import nl.spuk.adapter.out.camunda.SpukEngine;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.StepContext;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.reporting.ReportingSteps;
import nl.spuk.application.review.ReviewSteps;
import nl.spuk.application.settlement.SettlementSteps;
import nl.spuk.domain.TaskType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BPMN file itself: it parses and validates against the schema, every service task calls an existing step,
 * every step is called, user tasks are the API's task types, and every element is named and drawn.
 */
class ProcessModelTest {
    private static final Pattern STEP_CALL = Pattern.compile("\\$\\{(\\w+)\\.(\\w+)\\(execution\\)}");
    private static BpmnModelInstance model;

    @BeforeAll
    static void parse() throws Exception {
        try (InputStream bpmn = ProcessModelTest.class.getResourceAsStream("/" + SpukEngine.BPMN_RESOURCE)) {
            assertThat(bpmn).as("the BPMN on the classpath").isNotNull();
            model = Bpmn.readModelFromStream(bpmn);
        }
        Bpmn.validateModel(model);
    }

    @Test
    void theProcessIsExecutableUnderItsKey() {
        Process process = model.getModelElementById(SpukEngine.PROCESS_KEY);
        assertThat(process).isNotNull();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getDocumentations()).isNotEmpty();
        assertThat(((BaseElement) model.getModelElementById("Reporting")).getDocumentations()).isNotEmpty();
    }

    @Test
    void everyServiceTaskCallsItsSlicesBeanWhichCallsTheStepOfTheSameName() {
        Map<String, Object> beans = MockSteps.mocks().byName();
        Map<String, Class<?>> stepsOfBean = Map.of(
                DraftingTasks.BEAN, DraftingSteps.class, ReviewTasks.BEAN, ReviewSteps.class,
                DecisionTasks.BEAN, DecisionSteps.class, ReportingTasks.BEAN, ReportingSteps.class,
                SettlementTasks.BEAN, SettlementSteps.class);
        Set<String> called = new TreeSet<>();
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            Matcher call = STEP_CALL.matcher(String.valueOf(task.getCamundaExpression()));
            assertThat(call.matches()).as("%s calls ${<slice>.<step>(execution)}: %s", task.getId(), task.getCamundaExpression()).isTrue();
            String bean = call.group(1);
            String step = call.group(2);
            assertThat(stepsOfBean).as("the slice bean %s of %s", bean, task.getId()).containsKey(bean);
            assertThat(method(beans.get(bean).getClass(), step, DelegateExecution.class)).as("%s.%s(DelegateExecution)", bean, step).isNotNull();
            assertThat(method(stepsOfBean.get(bean), step, StepContext.class)).as("%s steps .%s(StepContext)", bean, step).isNotNull();
            called.add(bean + "." + step);
        }
        Set<String> offered = new TreeSet<>();
        stepsOfBean.keySet().forEach(bean -> Arrays.stream(beans.get(bean).getClass().getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .forEach(m -> offered.add(bean + "." + m.getName())));
        assertThat(called).as("every step of every slice bean is called by some service task").isEqualTo(offered);
    }

    @Test
    void noBeanIsShadowedByAProcessVariable() throws IllegalAccessException {
        // the engine resolves a name to a process variable before a bean
        Set<String> variables = new TreeSet<>();
        for (Field f : ProcessNames.class.getFields()) {
            variables.add((String) f.get(null));
        }
        assertThat(MockSteps.mocks().byName().keySet()).doesNotContainAnyElementsOf(variables);
    }

    @Test
    void userTasksAreTheApiTaskTypes() {
        Set<TaskType> userTasks = model.getModelElementsByType(UserTask.class).stream()
                .map(t -> TaskType.valueOf(t.getId())).collect(Collectors.toCollection(() -> EnumSet.noneOf(TaskType.class)));
        // chasing an overdue report is a task of the business record, opened by the chaseReport step
        assertThat(userTasks).isEqualTo(EnumSet.complementOf(EnumSet.of(TaskType.CHASE_OVERDUE_REPORT)));
    }

    @Test
    void everyElementIsNamedAndDrawn() {
        Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
        Collection<SequenceFlow> flows = model.getModelElementsByType(SequenceFlow.class);
        Set<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> drawnEdges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());

        for (FlowNode node : nodes) {
            assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
            assertThat(drawn).as("shape of %s", node.getId()).contains(node.getId());
        }
        for (SequenceFlow flow : flows) {
            assertThat(drawnEdges).as("edge of %s", flow.getId()).contains(flow.getId());
            if (flow.getConditionExpression() != null) {
                assertThat(flow.getName()).as("name of conditional flow %s", flow.getId()).isNotBlank();
            }
        }
        System.out.printf("spuk-application.bpmn: %d flow nodes (%d user tasks, %d service tasks), %d sequence flows, %d flow elements in all%n",
                nodes.size(), model.getModelElementsByType(UserTask.class).size(),
                model.getModelElementsByType(ServiceTask.class).size(), flows.size(),
                model.getModelElementsByType(FlowElement.class).size());
    }

    private static Method method(Class<?> type, String name, Class<?> parameter) {
        try {
            return type.getMethod(name, parameter);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
