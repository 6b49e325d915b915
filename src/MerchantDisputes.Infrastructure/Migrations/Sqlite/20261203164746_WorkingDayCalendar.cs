using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantDisputes.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkingDayCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeadlineFrom",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeadlineWindow",
                table: "Disputes",
                type: "TEXT",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FinalNoticeAt",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemindedAt",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalendarChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsOffDay = table.Column<bool>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChangedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MovedDeadlines = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalendarChanges_AspNetUsers_ChangedBy",
                        column: x => x.ChangedBy,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarChanges_ChangedAt",
                table: "CalendarChanges",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarChanges_ChangedBy",
                table: "CalendarChanges",
                column: "ChangedBy");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarChanges_Date_ChangedAt",
                table: "CalendarChanges",
                columns: new[] { "Date", "ChangedAt" });

            // EscalationLevel 3 is now FinalNotice; cases already listed publicly keep their level, now 4.
            migrationBuilder.Sql("UPDATE Disputes SET EscalationLevel = 4 WHERE EscalationLevel = 3;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE Disputes SET EscalationLevel = 3 WHERE EscalationLevel >= 3;");

            migrationBuilder.DropTable(
                name: "CalendarChanges");

            migrationBuilder.DropColumn(
                name: "DeadlineFrom",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "DeadlineWindow",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "FinalNoticeAt",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "Disputes");
        }
    }
}
